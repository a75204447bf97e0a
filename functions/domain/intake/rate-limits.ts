import type { Deps } from '../store/store';
import { RateLimitedError } from './errors';

const WINDOW_MS = 3600_000;

/** The fixed hourly window `at` falls in, and the seconds left in it (at least 1). */
export function hourWindowOf(at: Date): { window: string; secondsLeft: number; expiresAt: number } {
  const start = Math.floor(at.getTime() / WINDOW_MS) * WINDOW_MS;
  const end = start + WINDOW_MS;
  return {
    window: new Date(start).toISOString().slice(0, 13),
    secondsLeft: Math.max(1, Math.ceil((end - at.getTime()) / 1000)),
    // Kept an hour past its end: TTL deletion runs late, and a lingering item only costs storage.
    expiresAt: Math.floor(end / 1000) + 3600,
  };
}

/**
 * Counts one public submission against `subject` (an address or an IP) in the current hour
 * and refuses it past `limit`. One atomic ADD on a window item per subject and organization:
 * no read-modify-write, no retries, and the item disappears through TTL.
 * @throws RateLimitedError with the seconds until the window ends.
 */
export async function takeSubmission(deps: Deps, orgId: string, scope: 'email' | 'ip' | 'upload', subject: string, limit: number): Promise<void> {
  const { window, secondsLeft, expiresAt } = hourWindowOf(deps.now());
  const { data } = await deps.store.entities.intakeRate
    .update({ orgId, scope, subject, window })
    .add({ count: 1 })
    .set({ ttl: expiresAt })
    .go({ response: 'updated_new' });
  if ((data.count ?? 0) > limit) throw new RateLimitedError(scope, limit, secondsLeft);
}
