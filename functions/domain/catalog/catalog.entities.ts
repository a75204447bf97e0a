import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/** A ticket category: a two-level tree. `ticketCount` counts tickets naming it (kept by a bus consumer). */
export const categoryEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'category', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        categoryId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        parentId: { type: 'string', readOnly: true },
        archived: { type: 'boolean', required: true, default: false },
        ticketCount: { type: 'number', required: true, default: 0 },
        createdAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['categoryId'], casing: 'none' } },
      },
    },
    config,
  );

/** The definition of a ticket custom field; ticket `customFields` are validated against these. */
export const customFieldEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'customField', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        fieldId: { type: 'string', required: true, readOnly: true },
        key: { type: 'string', required: true, readOnly: true },
        label: { type: 'string', required: true },
        type: { type: ['text', 'number', 'date', 'select', 'multiselect', 'checkbox'] as const, required: true, readOnly: true },
        options: { type: 'list', items: { type: 'string' } },
        required: { type: 'boolean', required: true },
        categoryIds: { type: 'list', items: { type: 'string' }, required: true },
        visibleToCustomer: { type: 'boolean', required: true },
        createdAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['fieldId'] } },
      },
    },
    config,
  );

/** A canned reply (template) with `{{variables}}`; private ones only their owner sees. */
export const cannedReplyEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'cannedReply', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        cannedReplyId: { type: 'string', required: true, readOnly: true },
        title: { type: 'string', required: true },
        body: { type: 'string', required: true },
        shortcut: { type: 'string' },
        categoryIds: { type: 'list', items: { type: 'string' }, required: true },
        shared: { type: 'boolean', required: true },
        ownerId: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['cannedReplyId'] } },
      },
    },
    config,
  );

export type Category = EntityItem<ReturnType<typeof categoryEntity>>;
export type CustomField = EntityItem<ReturnType<typeof customFieldEntity>>;
export type CannedReply = EntityItem<ReturnType<typeof cannedReplyEntity>>;
