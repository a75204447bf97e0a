import type { Deps } from '../store/store';

/**
 * Counts one mail from `sender` in the current hour and tells whether it is over the limit.
 * One atomic ADD on a window item that TTL removes, so a mail loop is cut off after `limit`.
 */
export async function overSenderLimit(deps: Deps, orgId: string, sender: string, limit: number): Promise<boolean> {
  const now = deps.now();
  const window = now.toISOString().slice(0, 13);
  const ttl = Math.floor(now.getTime() / 1000) + 2 * 3600;
  const { data } = await deps.store.entities.mailRate
    .update({ orgId, sender, window })
    .add({ count: 1 })
    .set({ ttl })
    .go({ response: 'all_new' });
  return (data.count ?? 0) > limit;
}
