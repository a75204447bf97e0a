import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * An export: what was asked (kind, range, filters, or the requester's email of a privacy
 * bundle), where the worker is, and where the file is. One item per export, read by its id.
 */
export const exportJobEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'exportJob', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        exportId: { type: 'string', required: true, readOnly: true },
        kind: { type: ['tickets', 'messages', 'stats', 'privacy'] as const, required: true, readOnly: true },
        params: { type: 'any', required: true, readOnly: true },
        status: { type: ['queued', 'running', 'done', 'failed'] as const, required: true },
        rows: { type: 'number' },
        objectKey: { type: 'string' },
        filename: { type: 'string' },
        contentType: { type: 'string' },
        error: { type: 'string' },
        requestedBy: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        finishedAt: { type: 'string' },
      },
      indexes: {
        byId: { pk: { field: 'pk', composite: ['orgId', 'exportId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

export type ExportJob = EntityItem<ReturnType<typeof exportJobEntity>>;
