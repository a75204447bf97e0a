import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';
import { TooManyTicketsError } from '../attachments/errors';
import type { Deps } from '../store/store';

/**
 * Tickets one customer opened in one clock hour: an atomic counter on an item of its own
 * (organization, user, hour), so no key is shared across customers or organizations, and TTL
 * removes it after the hour. One conditional ADD per create, taken before the ticket's number
 * (so a refusal skips no number): a refused create counts nothing, no read, no retry loop.
 */
export const creationQuotaEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'creationQuota', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
        window: { type: 'string', required: true, readOnly: true },
        count: { type: 'number' },
        ttl: { type: 'number' },
      },
      indexes: {
        byWindow: { pk: { field: 'pk', composite: ['orgId', 'userId', 'window'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

export type CreationQuota = EntityItem<ReturnType<typeof creationQuotaEntity>>;

export interface QuotaWindow {
  userId: string;
  limit: number;
  /** `YYYY-MM-DDTHH` (UTC) */
  window: string;
  ttl: number;
  /** Seconds until the window ends: the Retry-After of a refusal. */
  retryAfterSeconds: number;
}

/** The current hourly window of `userId` with `limit`. */
export function hourlyWindow(userId: string, limit: number, now: Date): QuotaWindow {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), now.getUTCHours());
  const end = start + 3600_000;
  return {
    userId, limit, window: now.toISOString().slice(0, 13),
    ttl: Math.floor(end / 1000) + 3600,
    retryAfterSeconds: Math.max(1, Math.ceil((end - now.getTime()) / 1000)),
  };
}

/**
 * Counts one create in the window, unless that would pass the limit.
 * @throws TooManyTicketsError (with Retry-After seconds) when the window is full.
 */
export async function takeCreationQuota(deps: Deps, orgId: string, quota: QuotaWindow): Promise<void> {
  try {
    await deps.store.entities.creationQuota
      .update({ orgId, userId: quota.userId, window: quota.window })
      .add({ count: 1 })
      .set({ ttl: quota.ttl })
      .where(({ count }, { notExists, lt }) => `(${notExists(count)} OR ${lt(count, quota.limit)})`)
      .go({ response: 'none' });
  } catch (error) {
    if (isConditionFailure(error)) throw new TooManyTicketsError(quota.limit, quota.retryAfterSeconds);
    throw error;
  }
}

function isConditionFailure(error: unknown): boolean {
  const cause = (error as { cause?: { name?: string } }).cause;
  return cause?.name === 'ConditionalCheckFailedException' || /conditional request failed/i.test(String((error as Error).message));
}
