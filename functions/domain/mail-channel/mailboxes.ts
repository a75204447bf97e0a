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
const byOrg = new Map<string, { at: number; mailboxes: Promise<Mailbox[]> }>();

/** The organization's mailboxes; cached for a minute per container (they change rarely). */
export async function mailboxesOf(deps: Deps, orgId: string): Promise<Mailbox[]> {
  const now = Date.now();
  const hit = byOrg.get(orgId);
  if (hit && now - hit.at < CACHE_MS) return hit.mailboxes;
  // The org index carries the addresses only (functions/manifest/table.ts): one BatchGetItem reads the mailboxes.
  const mailboxes = deps.store.entities.mailbox.query.byOrg({ orgId, kind: 'mailbox' }).go({ limit: 50 })
    .then(async ({ data }) => {
      if (data.length === 0) return [];
      const { data: found } = await deps.store.entities.mailbox.get(data.map(({ address }) => ({ address }))).go({ preserveBatchOrder: true });
      return found.filter((m): m is NonNullable<typeof m> => Boolean(m)) as Mailbox[];
    });
  byOrg.set(orgId, { at: now, mailboxes });
  mailboxes.catch(() => byOrg.delete(orgId));
  return mailboxes;
}

/** Creates or replaces a mailbox (seed, admin set-up). */
export async function putMailbox(deps: Deps, mailbox: Pick<Mailbox, 'address' | 'orgId'> & Partial<Mailbox>): Promise<void> {
  await deps.store.entities.mailbox.put({ ...mailbox, address: splitAddress(mailbox.address).base, kind: 'mailbox' }).go();
}

/** Drops this container's cached mailboxes of an organization (after a change). */
export function forgetMailboxes(orgId: string): void {
  byOrg.delete(orgId);
}
