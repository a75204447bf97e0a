import { Entity, type EntityConfiguration } from 'electrodb';

/** Per-organization sequences (ticket numbers per year), moved by atomic ADD. */
export const counterEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'counter', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true, readOnly: true },
        value: { type: 'number', required: true },
      },
      indexes: {
        byName: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['name'] } },
      },
    },
    config,
  );

/** Number → id lookup; its key also makes a number impossible to give out twice. */
export const ticketNumberEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'ticketNumber', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        number: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byNumber: { pk: { field: 'pk', composite: ['orgId', 'number'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );
