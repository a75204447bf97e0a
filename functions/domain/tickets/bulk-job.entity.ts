import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * A bulk change of many tickets (more than a request handles, or by filter), worked through
 * in pages by the bulk-jobs queue's consumer. Its outcomes share its partition, one item per
 * ticket, so GET /v1/jobs/{id} is one Query and the job item stays small.
 */
export const bulkJobEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'bulkJob', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        jobId: { type: 'string', required: true, readOnly: true },
        /** Who asked: the job acts as them, and their WebSocket gets the progress frames. */
        caller: { type: 'any', required: true, readOnly: true },
        status: { type: ['queued', 'running', 'done'] as const, required: true },
        ticketIds: { type: 'list', items: { type: 'string' } },
        filter: { type: 'any' },
        changes: { type: 'any', required: true },
        total: { type: 'number' },
        processed: { type: 'number', required: true },
        succeeded: { type: 'number', required: true },
        failed: { type: 'number', required: true },
        createdAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
        ttl: { type: 'number', required: true },
      },
      indexes: {
        byId: { collection: 'bulkJob', pk: { field: 'pk', composite: ['orgId', 'jobId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

export const bulkJobOutcomeEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'bulkJobOutcome', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        jobId: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true, readOnly: true },
        status: { type: 'number', required: true },
        problem: { type: 'any' },
        ttl: { type: 'number', required: true },
      },
      indexes: {
        byJob: { collection: 'bulkJob', pk: { field: 'pk', composite: ['orgId', 'jobId'] }, sk: { field: 'sk', composite: ['ticketId'] } },
      },
    },
    config,
  );

export type BulkJob = EntityItem<ReturnType<typeof bulkJobEntity>>;
export type BulkJobOutcome = EntityItem<ReturnType<typeof bulkJobOutcomeEntity>>;
