import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';
import { JOB_TYPES } from '../../../schemas/events';

/**
 * A job in the outbox: work a write hands to a queue, committed in the write's own
 * transaction. The table's stream carries its insert to the bus (like an activity's), where a
 * rule of the manifest sends its `data` to the job's queue, so a write can never be stored
 * without its follow-up work. One item per job (no hot key); TTL removes it after the stream
 * has long carried it.
 */
export const outboxJobEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'outboxJob', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        jobId: { type: 'string', required: true, readOnly: true },
        type: { type: JOB_TYPES, required: true, readOnly: true },
        /** The message the job's queue consumer reads. */
        data: { type: 'any', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        /** Epoch seconds. */
        ttl: { type: 'number', required: true, readOnly: true },
      },
      indexes: {
        byId: { pk: { field: 'pk', composite: ['orgId', 'jobId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

export type OutboxJobEntity = ReturnType<typeof outboxJobEntity>;
export type OutboxJob = EntityItem<OutboxJobEntity>;
