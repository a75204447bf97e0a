import { isConditionFailure } from '../store/cancellation-reasons';
import type { Deps } from '../store/store';

const LEASE_MS = 5 * 60_000;

export type Claim = { state: 'claimed' } | { state: 'done'; outcome?: string } | { state: 'busy' };

/**
 * Claims one inbound mail for processing. A mail already done is reported as such (a duplicate
 * delivery); one another worker holds is `busy` (retry later); an expired lease (a worker died)
 * is taken over.
 */
export async function claimInbound(deps: Deps, orgId: string, dedupeKey: string): Promise<Claim> {
  const now = deps.now().getTime();
  const receipts = deps.store.entities.inboundReceipt;
  try {
    await receipts
      .put({ orgId, dedupeKey, state: 'processing', leaseUntil: now + LEASE_MS, ttl: Math.floor(now / 1000) + 30 * 86_400 })
      .where(({ state, leaseUntil }, { notExists, eq, lt }) => `${notExists(state)} OR (${eq(state, 'processing')} AND ${lt(leaseUntil, now)})`)
      .go();
    return { state: 'claimed' };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { data } = await receipts.get({ orgId, dedupeKey }).go({ consistent: true });
    return data?.state === 'done' ? { state: 'done', outcome: data.outcome } : { state: 'busy' };
  }
}

export async function completeInbound(deps: Deps, orgId: string, dedupeKey: string, outcome: string): Promise<void> {
  await deps.store.entities.inboundReceipt.patch({ orgId, dedupeKey }).set({ state: 'done', outcome }).go();
}

/** Lets a failed attempt be retried at once rather than after the lease. */
export async function releaseInbound(deps: Deps, orgId: string, dedupeKey: string): Promise<void> {
  await deps.store.entities.inboundReceipt.delete({ orgId, dedupeKey }).where(({ state }, { eq }) => eq(state, 'processing')).go().catch(() => undefined);
}
