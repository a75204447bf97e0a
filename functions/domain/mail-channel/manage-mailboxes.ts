import type { PutMailboxBody } from '../../../schemas/email';
import type { Caller } from '../caller';
import { DomainError, ForbiddenError, RuleViolationError } from '../errors';
import { isConditionFailure } from '../store/cancellation-reasons';
import type { Deps } from '../store/store';
import { splitAddress } from './addresses';
import type { Mailbox } from './mail-entities';
import { forgetMailboxes, mailboxesOf } from './mailboxes';

/** The address is already an inbound mailbox of another organization. */
export class MailboxTakenError extends DomainError {
  readonly code = 'mailbox-taken';
  readonly title = 'Mailbox Taken';
}

const assertAdmin = (caller: Caller) => {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins manage mailboxes');
};

/**
 * Creates or changes an inbound mailbox of the caller's organization. An address belongs to one
 * organization only: the write is conditional on it being free or already ours.
 * @throws ForbiddenError (not an admin), MailboxTakenError (another organization's address),
 * RuleViolationError (a +tag address)
 */
export async function putOrgMailbox(deps: Deps, caller: Caller, address: string, body: PutMailboxBody): Promise<Mailbox> {
  assertAdmin(caller);
  const { base, token } = splitAddress(address);
  if (token !== undefined || base !== address.trim().toLowerCase()) {
    throw new RuleViolationError('a mailbox is a plain address, without a +tag', '#/address');
  }
  const item = { ...body, address: base, orgId: caller.orgId, kind: 'mailbox' };
  try {
    await deps.store.entities.mailbox
      .put(item)
      .where(({ orgId }, { notExists, eq }) => `${notExists(orgId)} OR ${eq(orgId, caller.orgId)}`)
      .go();
  } catch (error) {
    if (isConditionFailure(error)) {
      throw new MailboxTakenError(`${base} is an inbound address of another organization`);
    }
    throw error;
  }
  forgetMailboxes(caller.orgId);
  return item as Mailbox;
}

/** @throws ForbiddenError for non-admins. */
export async function listOrgMailboxes(deps: Deps, caller: Caller): Promise<Mailbox[]> {
  assertAdmin(caller);
  forgetMailboxes(caller.orgId);
  return mailboxesOf(deps, caller.orgId);
}

export const toMailboxView = (m: Mailbox) => ({
  address: m.address,
  displayName: m.displayName ?? null,
  spamPolicy: m.spamPolicy,
  dmarcPolicy: m.dmarcPolicy,
  senderHourlyLimit: m.senderHourlyLimit,
  templates: (m.templates as Record<string, unknown> | undefined) ?? null,
});
