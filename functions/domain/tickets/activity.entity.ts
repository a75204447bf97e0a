import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * The audit trail and, through the table's stream, the outbox: each activity is one event
 * (`type` is its detail-type). Written in the same transaction as the change it records.
 */
export const activityEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'activity', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true, readOnly: true },
        activityId: { type: 'string', required: true, readOnly: true },
        type: { type: 'string', required: true },
        actorId: { type: 'string', required: true },
        actorRole: { type: 'string', required: true },
        actorName: { type: 'string' },
        /** Internal activities (notes) are never shown or sent to customers. */
        internal: { type: 'boolean', required: true },
        changes: { type: 'any' },
        data: { type: 'any' },
        ticketVersion: { type: 'number', required: true },
        /** The ticket right after the change (no description): consumers act on it without a read. */
        snapshot: { type: 'any', required: true },
        createdAt: { type: 'string', required: true },
      },
      indexes: {
        byTicket: {
          collection: 'thread',
          pk: { field: 'pk', composite: ['orgId', 'ticketId'] },
          sk: { field: 'sk', composite: ['activityId'] },
        },
      },
    },
    config,
  );

export type ActivityEntity = ReturnType<typeof activityEntity>;
export type Activity = EntityItem<ActivityEntity>;
