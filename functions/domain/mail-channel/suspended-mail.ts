import type { SuspendedMailQuery, SuspendedMailView, SuspendReason } from '../../../schemas/email';
import type { Caller } from '../caller';
import { InvalidCursorError, NotFoundError } from '../errors';
import { openCursor, queryFingerprint, sealCursor } from '../store/cursor';
import type { Deps } from '../store/store';
import { assertStaff } from '../tickets/access';
import type { SuspendedMail } from './mail-entities';

export interface Suspension {
  orgId: string;
  reason: SuspendReason;
  detail: string;
  from?: string;
  fromName?: string;
  subject?: string;
  messageId?: string;
  recipients: string[];
  bucket?: string;
  objectKey: string;
  ticketId?: string;
}

/** Puts a mail on the organization's suspended list; the raw mail stays in the object store. */
export async function suspendMail(deps: Deps, suspension: Suspension): Promise<SuspendedMail> {
  const item = {
    ...suspension,
    subject: suspension.subject?.slice(0, 500),
    detail: suspension.detail.slice(0, 2000),
    suspendedId: deps.newId(),
    receivedAt: deps.now().toISOString(),
  };
  const { data } = await deps.store.entities.suspendedMail.create(item).go();
  return data as SuspendedMail;
}

/**
 * The organization's suspended mail, newest first, with a cursor.
 * @throws ForbiddenError for customers; InvalidCursorError for a cursor it did not issue.
 */
export async function listSuspendedMail(deps: Deps, caller: Caller, query: SuspendedMailQuery) {
  assertStaff(caller, 'read suspended mail');
  const fingerprint = queryFingerprint(caller.orgId, { reason: query.reason });
  const cursor = openCursor(query.cursor, fingerprint);
  const base = deps.store.entities.suspendedMail.query.byOrg({ orgId: caller.orgId, kind: 'suspended-mail' });
  const q = query.reason ? base.where(({ reason }, { eq }) => eq(reason, query.reason as string)) : base;
  try {
    const page = await q.go({ order: 'desc', limit: query.limit, cursor });
    return {
      items: (page.data as SuspendedMail[]).map(toSuspendedMailView),
      nextCursor: sealCursor(page.cursor, fingerprint),
    };
  } catch (error) {
    if (query.cursor) throw new InvalidCursorError();
    throw error;
  }
}

/** @throws NotFoundError when there is no such suspended mail in the caller's organization. */
export async function getSuspendedMail(deps: Deps, caller: Caller, suspendedId: string): Promise<SuspendedMail> {
  assertStaff(caller, 'read suspended mail');
  const { data } = await deps.store.entities.suspendedMail.get({ orgId: caller.orgId, kind: 'suspended-mail', suspendedId }).go({ consistent: true });
  if (!data) throw new NotFoundError('suspended mail', suspendedId);
  return data as SuspendedMail;
}

/**
 * Deletes a suspended mail from the list (the raw object expires with the bucket's lifecycle).
 * @throws NotFoundError, ForbiddenError
 */
export async function deleteSuspendedMail(deps: Deps, caller: Caller, suspendedId: string): Promise<void> {
  await getSuspendedMail(deps, caller, suspendedId);
  await deps.store.entities.suspendedMail.delete({ orgId: caller.orgId, kind: 'suspended-mail', suspendedId }).go();
}

export function toSuspendedMailView(item: SuspendedMail): SuspendedMailView {
  return {
    id: item.suspendedId,
    reason: item.reason as SuspendReason,
    detail: item.detail,
    from: item.from ?? null,
    fromName: item.fromName ?? null,
    subject: item.subject ?? null,
    messageId: item.messageId ?? null,
    recipients: item.recipients,
    rawObjectKey: item.objectKey,
    ticketId: item.ticketId ?? null,
    receivedAt: item.receivedAt,
  };
}
