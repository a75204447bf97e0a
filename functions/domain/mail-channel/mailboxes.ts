import { isConditionFailure } from '../store/cancellation-reasons';
import type { Deps } from '../store/store';
import { splitAddress } from './addresses';
import type { Mailbox } from './mail-entities';

/** The first envelope recipient that is one of our mailboxes, with its reply token if any. */
export async function routeRecipients(
  deps: Deps,
  recipients: readonly string[],
): Promise<{ mailbox: Mailbox; recipient: string; token?: string } | undefined> {
  for (const recipient of recipients) {
    const { base, token } = splitAddress(recipient);
    const { data } = await deps.store.entities.mailbox.get({ address: base }).go();
    if (data) return { mailbox: data as Mailbox, recipient, token };
  }
  return undefined;
}

const CACHE_MS = 60_000;
/** An organization's mailboxes (by address) and its primary pointer (null when none was ever set). */
export type OrgMailboxes = { mailboxes: Mailbox[]; primary: string | null };
const byOrg = new Map<string, { at: number; value: Promise<OrgMailboxes> }>();

/**
 * The organization's mailboxes and primary pointer; cached for a minute per container (they
 * change rarely; the mailbox routes drop the cache of the container that wrote).
 */
export async function orgMailboxesOf(deps: Deps, orgId: string): Promise<OrgMailboxes> {
  const now = Date.now();
  const hit = byOrg.get(orgId);
  if (hit && now - hit.at < CACHE_MS) return hit.value;
  // The org index carries the addresses only (functions/manifest/table.ts): one BatchGetItem reads the mailboxes.
  const mailboxes = deps.store.entities.mailbox.query.byOrg({ orgId, kind: 'mailbox' }).go({ limit: 50 })
    .then(async ({ data }) => {
      if (data.length === 0) return [];
      const { data: found } = await deps.store.entities.mailbox.get(data.map(({ address }) => ({ address }))).go({ preserveBatchOrder: true });
      return found.filter((m): m is NonNullable<typeof m> => Boolean(m)) as Mailbox[];
    });
  const pointer = deps.store.entities.primaryMailbox.get({ orgId }).go();
  const value = Promise.all([mailboxes, pointer]).then(async ([list, { data }]) => {
    const primary = data?.address ?? null;
    // The list is the first 50 by address; a primary beyond them is read by its key.
    if (primary && !list.some((m) => m.address === primary)) {
      const { data: named } = await deps.store.entities.mailbox.get({ address: primary }).go();
      if (named?.orgId === orgId) list.push(named as Mailbox);
    }
    return { mailboxes: list, primary };
  });
  byOrg.set(orgId, { at: now, value });
  value.catch(() => byOrg.delete(orgId));
  return value;
}

/** The organization's mailboxes, by address. */
export async function mailboxesOf(deps: Deps, orgId: string): Promise<Mailbox[]> {
  return (await orgMailboxesOf(deps, orgId)).mailboxes;
}

/**
 * The primary among an org's mailboxes: the one the pointer names; without a pointer (mailboxes
 * made before primaries existed, never changed since) the oldest-created one. Mailboxes made
 * before creation times were kept have none and count as older than any that has one; among
 * those the first by address is taken, which stays stable because no new mailbox lacks a time.
 */
export function primaryAmong(mailboxes: readonly Mailbox[], pointer: string | null): Mailbox | undefined {
  const named = pointer ? mailboxes.find((m) => m.address === pointer) : undefined;
  if (named) return named;
  return [...mailboxes].sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.address.localeCompare(b.address))[0];
}

/**
 * THE choice of sender for outbound mail of an organization: the ticket's thread mailbox when it
 * has one that still belongs to the org, else the org's primary mailbox; undefined when the org
 * has no mailbox at all. Every From of customer, agent and summary mail is chosen here.
 */
export async function senderMailboxFor(deps: Deps, orgId: string, threadMailbox?: string): Promise<Mailbox | undefined> {
  const { mailboxes, primary } = await orgMailboxesOf(deps, orgId);
  const thread = threadMailbox ? mailboxes.find((m) => m.address === threadMailbox) : undefined;
  return thread ?? primaryAmong(mailboxes, primary);
}

/**
 * Creates or replaces a mailbox (seed, test set-up); the org's first mailbox becomes its primary.
 * Admins go through manage-mailboxes.ts, which also moves the primary.
 */
export async function putMailbox(deps: Deps, mailbox: Pick<Mailbox, 'address' | 'orgId'> & Partial<Mailbox>): Promise<void> {
  const address = splitAddress(mailbox.address).base;
  await deps.store.entities.mailbox.put({ createdAt: deps.now().toISOString(), ...mailbox, address, kind: 'mailbox' }).go();
  await deps.store.entities.primaryMailbox
    .create({ orgId: mailbox.orgId, address, updatedAt: deps.now().toISOString() })
    .go()
    .catch((error) => { if (!isConditionFailure(error)) throw error; }); // the org has a primary already
  forgetMailboxes(mailbox.orgId);
}

/** Drops this container's cached mailboxes of an organization (after a change). */
export function forgetMailboxes(orgId: string): void {
  byOrg.delete(orgId);
}
