import type { Deps } from '../store/store';

const LEASE_MS = 5 * 60_000;

/**
 * `messageId` is the id the mail's message gets on its ticket, chosen at the first claim and
 * kept by every later one: a worker that takes over after a crash writes the same message, and
 * its create finds the first one (one effect however often the mail is processed).
 */
export type Claim = { state: 'claimed'; messageId: string } | { state: 'done'; outcome?: string } | { state: 'busy' };

/**
 * Claims one inbound mail for processing. A mail already done is reported as such (a duplicate
 * delivery); one another worker holds is `busy` (retry later); an expired lease (a worker died)
 * is taken over, with the message id the first claim chose.
 */
export async function claimInbound(deps: Deps, orgId: string, dedupeKey: string): Promise<Claim> {
  const now = deps.now().getTime();
  const receipts = deps.store.entities.inboundReceipt;
  const messageId = deps.newId();
  try {
    await receipts
      .put({ orgId, dedupeKey, state: 'processing', leaseUntil: now + LEASE_MS, messageId, ttl: Math.floor(now / 1000) + 30 * 86_400 })
      .where(({ state }, { notExists }) => notExists(state))
      .go();
    return { state: 'claimed', messageId };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const { data } = await receipts.get({ orgId, dedupeKey }).go({ consistent: true });
  if (!data) return { state: 'busy' }; // released in between: the queue retries
  if (data.state === 'done') return { state: 'done', outcome: data.outcome };
  if (data.leaseUntil >= now) return { state: 'busy' };
  try {
    // Take over the expired lease, unless another worker just did (the lease we saw is the condition).
    await receipts
      .patch({ orgId, dedupeKey })
      .set({ leaseUntil: now + LEASE_MS, ...(data.messageId ? {} : { messageId }) })
      .where(({ state, leaseUntil }, { eq }) => `${eq(state, 'processing')} AND ${eq(leaseUntil, data.leaseUntil)}`)
      .go();
    return { state: 'claimed', messageId: data.messageId ?? messageId };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { state: 'busy' };
  }
}

export async function completeInbound(deps: Deps, orgId: string, dedupeKey: string, outcome: string): Promise<void> {
  await deps.store.entities.inboundReceipt.patch({ orgId, dedupeKey }).set({ state: 'done', outcome }).go();
}

/**
 * Lets a failed attempt be retried at once rather than after the lease. The claim stays (with
 * its message id): the failure may have come after the message was written.
 */
export async function releaseInbound(deps: Deps, orgId: string, dedupeKey: string): Promise<void> {
  await deps.store.entities.inboundReceipt
    .patch({ orgId, dedupeKey })
    .set({ leaseUntil: 0 })
    .where(({ state }, { eq }) => eq(state, 'processing'))
    .go()
    .catch(() => undefined);
}

function isConditionFailure(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? ''} ${(error as { cause?: { name?: string } })?.cause?.name ?? ''}`;
  return /ConditionalCheckFailed|conditional request failed/i.test(text);
}
