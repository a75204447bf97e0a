import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * The audit trail of organization settings: one item per change (who, when, from what to what),
 * written in the same transaction as the change and keyed by the version it produced, so two
 * changes can never claim the same version. It lives in the organization's partition and grows
 * only with admins' changes, never with tickets.
 */
export const settingsChangeEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'settingsChange', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        version: { type: 'number', required: true, readOnly: true },
        actorId: { type: 'string', required: true },
        actorRole: { type: 'string', required: true },
        actorName: { type: 'string' },
        changes: { type: 'any', required: true },
        createdAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['version'] } },
      },
    },
    config,
  );

export type SettingsChange = EntityItem<ReturnType<typeof settingsChangeEntity>>;
