import { type AttachmentClaim, claimAttachmentOp } from '../attachments/attach-uploads';
import type { MailRef } from '../mail-channel/mail-entities';
import type { Deps } from '../store/store';
import type { Activity } from './activity.entity';
import type { Message } from './message.entity';
import type { Ticket } from './ticket.entity';

const MUTABLE = [
  'subject', 'description', 'status', 'priority', 'category', 'tags', 'customFields', 'requesterEmail',
  'requesterName', 'requesterPhone', 'assigneeId', 'assigneeKey', 'escalationTier', 'escalated',
  'escalationReason', 'escalatedAt', 'resolutionText', 'resolvedById', 'resolvedAt', 'closedAt',
  'messageCount', 'noteCount', 'firstResponseAt', 'lastMessageAt', 'updatedAt', 'version',
  'sla', 'slaNextBreachAt', 'statusSince', 'rating', 'surveySentAt', 'departmentId', 'type', 'watchers', 'lastInboundAt',
  'mergedIntoId', 'mergedIntoNumber', 'mergedAt', 'links', 'participants', 'customStatusId',
] as const satisfies readonly (keyof Ticket)[];
type Mutable = (typeof MUTABLE)[number];
/** Removed by every change: absent on tickets written since, so free there (see ticket.entity.ts). */
const RETIRED_INDEX_KEYS = ['retiredOrgIndexPk', 'retiredOrgIndexSk'] as const;

export type ChangeOutcome =
  | { ok: true }
  | { ok: false; reason: 'ticket-changed' | 'assignee-invalid' | 'attachment-taken' | 'conflict' }
  | { ok: false; reason: 'also-failed'; index: number };

/** Items a caller adds to the same transaction (load counters, routing cursor), built from its entities. */
export type AlsoItems = (tx: Parameters<Parameters<Deps['store']['transaction']['write']>[0]>[0]) => unknown[];

/**
 * What a write sets and removes to take `current` to `next`. A status change that names no
 * custom status leaves the ticket's custom status behind (it stood for the old status): every
 * write path (replies that reopen, timers, the status machine) passes here, so none keeps a stale one.
 * `next` is updated in place, so the caller's copy shows what is written.
 */
export function ticketChangeOf(current: Ticket, next: Ticket): { set: Partial<Pick<Ticket, Mutable>>; remove: Mutable[] } {
  if (next.status !== current.status && next.customStatusId && next.customStatusId === current.customStatusId) next.customStatusId = undefined;
  const set: Partial<Pick<Ticket, Mutable>> = {};
  const remove: Mutable[] = [];
  for (const field of MUTABLE) {
    const value = next[field];
    if (value === undefined || value === null) {
      if (current[field] !== undefined) remove.push(field);
    } else {
      (set as Record<string, unknown>)[field] = value;
    }
  }
  return { set, remove };
}

/** The guarded patch of one ticket inside a transaction (see saveTicketChange). */
export function ticketPatchOp(tx: Parameters<AlsoItems>[0], current: Ticket, next: Ticket) {
  const { set, remove } = ticketChangeOf(current, next);
  return tx.ticket
    .patch({ orgId: current.orgId, ticketId: current.ticketId })
    .set(set)
    .remove([...remove, ...RETIRED_INDEX_KEYS] as never[])
    .where(({ version }, { eq }) => eq(version, current.version))
    .commit();
}

/**
 * Writes a ticket's next state with its activities (and a message) in one transaction,
 * guarded by the version the change was computed from. Nothing is written unless all is.
 */
export async function saveTicketChange(
  deps: Deps,
  current: Ticket,
  next: Ticket,
  activities: Activity[],
  /**
   * `claims`: uploaded files the message takes (pending slots become its attachments, once);
   * `mailRef`: an inbound mail's Message-ID, recorded with the message so its thread is whole
   * when the event is read; `also`: a caller's own items (load counters, routing cursor).
   */
  extra: {
    message?: Message; assigneeToCheck?: string; also?: AlsoItems; claims?: readonly AttachmentClaim[];
    mailRef?: Omit<MailRef, 'orgId' | 'ticketId'>;
  } = {},
): Promise<ChangeOutcome> {
  const { set, remove } = ticketChangeOf(current, next);
  const key = { orgId: current.orgId, ticketId: current.ticketId };
  let claimsFrom = 0;
  let claimsCount = 0;
  let alsoFrom = 0;
  let alsoCount = 0;
  const { canceled, data } = await deps.store.transaction
    .write((tx) => {
      const { ticket, activity, message, user, mailRef } = tx;
      const refs = extra.mailRef ? [mailRef.put({ ...extra.mailRef, orgId: current.orgId, ticketId: current.ticketId }).commit()] : [];
      const claims = extra.message && extra.claims ? extra.claims.map((claim) => claimAttachmentOp(tx, claim, extra.message!)) : [];
      const also = (extra.also?.(tx) ?? []) as never[];
      claimsFrom = 1 + activities.length + (extra.message ? 1 : 0) + refs.length;
      claimsCount = claims.length;
      alsoFrom = claimsFrom + claimsCount;
      alsoCount = also.length;
      return [
        ticket
          .patch(key)
          .set(set)
          .remove([...remove, ...RETIRED_INDEX_KEYS] as never[])
          .where(({ version }, { eq }) => eq(version, current.version))
          .commit(),
        ...activities.map((item) => activity.create(item).commit()),
        ...(extra.message ? [message.create(extra.message).commit()] : []),
        ...refs,
        ...claims,
        ...also,
        ...(extra.assigneeToCheck
          ? [
              user
                .check({ orgId: current.orgId, userId: extra.assigneeToCheck })
                .where(({ role, active }, { eq, ne }) => `${eq(active, true)} AND ${ne(role, 'customer')}`)
                .commit(),
            ]
          : []),
      ];
    })
    .go();
  if (!canceled) return { ok: true };
  const assigneeRejected = extra.assigneeToCheck && data.at(-1)?.code === 'ConditionalCheckFailed';
  if (assigneeRejected) return { ok: false, reason: 'assignee-invalid' };
  if (data[0]?.code === 'ConditionalCheckFailed') return { ok: false, reason: 'ticket-changed' };
  if (data.slice(claimsFrom, claimsFrom + claimsCount).some((item) => item?.code === 'ConditionalCheckFailed')) {
    return { ok: false, reason: 'attachment-taken' };
  }
  const alsoFailed = data.slice(alsoFrom, alsoFrom + alsoCount).findIndex((item) => item?.code === 'ConditionalCheckFailed');
  if (alsoFailed >= 0) return { ok: false, reason: 'also-failed', index: alsoFailed };
  return { ok: false, reason: 'conflict' };
}
