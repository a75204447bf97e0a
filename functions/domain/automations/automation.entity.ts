import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * An automation rule (issue 17): one item per rule under the organization, so the organization's
 * rules (at most MAX_AUTOMATIONS) are one Query, read on each ticket event.
 */
export const automationRuleEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'automationRule', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        ruleId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        enabled: { type: 'boolean', required: true },
        on: { type: 'list', items: { type: 'string' }, required: true },
        conditions: { type: 'any', required: true },
        actions: { type: 'any', required: true },
        version: { type: 'number', required: true },
        createdBy: { type: 'string', required: true },
        createdAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['ruleId'] } },
      },
    },
    config,
  );

export type AutomationRule = EntityItem<ReturnType<typeof automationRuleEntity>>;
