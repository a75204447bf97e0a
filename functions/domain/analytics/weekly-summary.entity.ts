import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * One weekly summary mail to one recipient: claimed (conditional create) before the mail goes
 * out, marked sent after, so a redelivered or retried firing of the same week sends nobody a
 * second copy. Keyed by organization and week; at most one item per supervisor or admin a week,
 * removed by TTL after 90 days.
 */
export const weeklySummaryMailEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'weeklySummaryMail', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        /** The first local date of the week summarised (YYYY-MM-DD). */
        week: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
        state: { type: ['claimed', 'sent'] as const, required: true },
        claimedAt: { type: 'string', required: true },
        sentAt: { type: 'string' },
        providerId: { type: 'string' },
        /** Epoch seconds. */
        ttl: { type: 'number', required: true },
      },
      indexes: {
        byWeek: {
          pk: { field: 'pk', composite: ['orgId', 'week'] },
          sk: { field: 'sk', composite: ['userId'] },
        },
      },
    },
    config,
  );

export type WeeklySummaryMail = EntityItem<ReturnType<typeof weeklySummaryMailEntity>>;
