import type { PutMailboxBody } from '../../../schemas/email';
import type { Caller } from '../caller';
import { DomainError, ForbiddenError, NotFoundError, RuleViolationError } from '../errors';
import { CONDITION_FAILED } from '../store/cancellation-reasons';
import type { Deps } from '../store/store';
import { splitAddress } from './addresses';
import type { Mailbox } from './mail-entities';
import { forgetMailboxes, orgMailboxesOf, primaryAmong } from './mailboxes';

/** The address is already an inbound mailbox of another organization. */
export class MailboxTakenError extends DomainError {
  readonly code = 'mailbox-taken';
  readonly title = 'Mailbox Taken';
}

/**
 * The change would leave the organization without a primary mailbox while it has mailboxes
 * (un-flagging or deleting the primary): another mailbox must be made primary first.
 */
export class PrimaryMailboxRequiredError extends DomainError {
  readonly code = 'primary-mailbox-required';
  readonly title = 'Primary Mailbox Required';
  constructor(message: string, primary: string) {
    super(message);
    this.extensions = { primary };
  }
}

/** The primary pointer kept moving under this write (other admins); re-read and retry. */
export class MailboxConflictError extends DomainError {
  readonly code = 'mailbox-conflict';
  readonly title = 'Conflict';
}

/** A mailbox as the admin API shows it: with whether it is the org's primary. */
export type MailboxWithPrimary = Mailbox & { primary: boolean };

const assertAdmin = (caller: Caller) => {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins manage mailboxes');
};

/** A few attempts when another admin moves the primary meanwhile; admin writes are rare. */
const ATTEMPTS = 3;

type Tx = Parameters<Parameters<Deps['store']['transaction']['write']>[0]>[0];

/** What the org's mailboxes and primary pointer are right now (strongly consistent pointer). */
async function readCurrent(deps: Deps, orgId: string) {
  forgetMailboxes(orgId);
  const [{ mailboxes }, { data: pointer }] = await Promise.all([
    orgMailboxesOf(deps, orgId),
    deps.store.entities.primaryMailbox.get({ orgId }).go({ consistent: true }),
  ]);
  forgetMailboxes(orgId);
  return { mailboxes, pointer: pointer?.address ?? null };
}

/** Moves the primary pointer, guarded on the pointer seen, so two admins cannot both win a round. */
const pointTo = (tx: Tx, orgId: string, seen: string | null, address: string, now: string) =>
  tx.primaryMailbox
    .put({ orgId, address, updatedAt: now })
    .where(({ address: a }, { eq, notExists }) => (seen ? eq(a, seen) : notExists(a)))
    .commit();

/**
 * Creates or changes an inbound mailbox of the caller's organization. An address belongs to one
 * organization only: the write is conditional on it being free or already ours. The org's first
 * mailbox becomes its primary; `primary: true` moves the primary pointer to this mailbox in the
 * same transaction as the mailbox write, so the org never has two. An org with mailboxes but no
 * pointer yet (made before primaries) gets one here, on its oldest-created mailbox, unless this
 * write names another primary. Concurrent "make X primary" / "make Y primary": each moves the
 * pointer conditionally on the one it read; the loser re-reads and moves it again, so both
 * succeed in some order and exactly one mailbox ends primary.
 * @throws ForbiddenError (not an admin), MailboxTakenError (another organization's address),
 * RuleViolationError (a +tag address), PrimaryMailboxRequiredError (`primary: false` on the
 * primary), MailboxConflictError (the pointer kept moving).
 */
export async function putOrgMailbox(deps: Deps, caller: Caller, address: string, body: PutMailboxBody): Promise<MailboxWithPrimary> {
  assertAdmin(caller);
  const { base, token } = splitAddress(address);
  if (token !== undefined || base !== address.trim().toLowerCase()) {
    throw new RuleViolationError('a mailbox is a plain address, without a +tag', '#/address');
  }
  const { primary: wantPrimary, ...fields } = body;
  const orgId = caller.orgId;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [{ data: existing }, { mailboxes, pointer }] = await Promise.all([
      deps.store.entities.mailbox.get({ address: base }).go({ consistent: true }),
      readCurrent(deps, orgId),
    ]);
    if (existing && existing.orgId !== orgId) throw new MailboxTakenError(`${base} is an inbound address of another organization`);
    const now = deps.now().toISOString();
    // A replace keeps the creation time (the primary fallback orders by it); legacy items keep none.
    const createdAt = existing ? existing.createdAt : now;
    const item = { ...fields, address: base, orgId, kind: 'mailbox', ...(createdAt ? { createdAt } : {}) } as Mailbox;
    const others = mailboxes.filter((m) => m.address !== base);
    const currentPrimary = primaryAmong(existing ? mailboxes : [...others, item], pointer)?.address ?? base;
    if (wantPrimary === false && currentPrimary === base && others.length > 0) {
      throw new PrimaryMailboxRequiredError(`${base} is the primary mailbox; make another mailbox primary instead`, base);
    }
    // Where the pointer must go with this write: here when asked (or the org's first mailbox), to the
    // fallback when the org has none yet; nowhere when it already points where it should.
    const target = wantPrimary ? base : pointer ? undefined : primaryAmong([...others, item], null)!.address;
    const move = target !== undefined && target !== pointer;
    const { canceled, data } = await deps.store.transaction
      .write((tx) => [
        tx.mailbox.put(item).where(({ orgId: o }, { notExists, eq }) => `${notExists(o)} OR ${eq(o, orgId)}`).commit(),
        ...(move ? [pointTo(tx, orgId, pointer, target, now)] : []),
        // The fallback named for a legacy org must still be ours when the pointer lands on it.
        ...(move && target !== base ? [tx.mailbox.check({ address: target }).where(({ orgId: o }, { eq }) => eq(o, orgId)).commit()] : []),
      ])
      .go();
    forgetMailboxes(orgId);
    if (!canceled) return { ...item, primary: (move ? target : pointer ?? currentPrimary) === base };
    const codes = (data as readonly ({ code?: string } | undefined)[]).map((d) => d?.code);
    if (codes[0] === CONDITION_FAILED) throw new MailboxTakenError(`${base} is an inbound address of another organization`);
  }
  throw new MailboxConflictError('the primary mailbox kept changing meanwhile; re-read and retry');
}

/**
 * Deletes a mailbox of the caller's organization. The primary cannot be deleted while the org has
 * other mailboxes (409: make another one primary first, so the sender never changes silently);
 * deleting the only mailbox removes the pointer with it. Tickets whose mail thread went through
 * the deleted address are answered from the primary from then on.
 * @throws ForbiddenError, NotFoundError (no such mailbox of this org), PrimaryMailboxRequiredError,
 * MailboxConflictError (the primary moved meanwhile).
 */
export async function deleteOrgMailbox(deps: Deps, caller: Caller, address: string): Promise<void> {
  assertAdmin(caller);
  const base = splitAddress(address).base;
  const orgId = caller.orgId;
  const { data: existing } = await deps.store.entities.mailbox.get({ address: base }).go({ consistent: true });
  if (!existing || existing.orgId !== orgId) throw new NotFoundError('mailbox', base);
  const { mailboxes, pointer } = await readCurrent(deps, orgId);
  const list = mailboxes.some((m) => m.address === base) ? mailboxes : [...mailboxes, existing as Mailbox];
  const primary = primaryAmong(list, pointer)?.address;
  const others = list.filter((m) => m.address !== base);
  if (primary === base && others.length > 0) {
    throw new PrimaryMailboxRequiredError(`${base} is the primary mailbox; make another mailbox primary before deleting it`, base);
  }
  const { canceled } = await deps.store.transaction
    .write((tx) => [
      tx.mailbox.delete({ address: base }).where(({ orgId: o }, { eq }) => eq(o, orgId)).commit(),
      // The pointer as read: gone with its mailbox, or still elsewhere (not moved here meanwhile).
      pointer === base
        ? tx.primaryMailbox.delete({ orgId }).where(({ address: a }, { eq }) => eq(a, base)).commit()
        : tx.primaryMailbox.check({ orgId }).where(({ address: a }, { eq, notExists }) => (pointer ? eq(a, pointer) : notExists(a))).commit(),
    ])
    .go();
  forgetMailboxes(orgId);
  if (canceled) throw new MailboxConflictError('the mailboxes changed meanwhile; re-read and retry');
}

/** The org's mailboxes by address, each with whether it is the primary. @throws ForbiddenError for non-admins. */
export async function listOrgMailboxes(deps: Deps, caller: Caller): Promise<MailboxWithPrimary[]> {
  assertAdmin(caller);
  forgetMailboxes(caller.orgId);
  const { mailboxes, primary } = await orgMailboxesOf(deps, caller.orgId);
  const chosen = primaryAmong(mailboxes, primary)?.address;
  return mailboxes.map((m) => ({ ...m, primary: m.address === chosen }));
}

export const toMailboxView = (m: MailboxWithPrimary) => ({
  address: m.address,
  displayName: m.displayName ?? null,
  primary: m.primary,
  spamPolicy: m.spamPolicy,
  dmarcPolicy: m.dmarcPolicy,
  senderHourlyLimit: m.senderHourlyLimit,
  templates: (m.templates as Record<string, unknown> | undefined) ?? null,
  createdAt: m.createdAt ?? null,
});
