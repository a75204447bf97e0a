import type { Caller } from '../caller';
import { NotFoundError, RuleViolationError, VersionConflictError } from '../errors';
import { isTerminalStatus } from '../status-groups';
import type { Deps } from '../store/store';
import { assertStaff } from '../tickets/access';
import { activityOf } from '../tickets/activities';
import { loadTicket } from '../tickets/load-ticket';
import { withSla } from '../tickets/ticket-sla';
import type { Ticket } from '../tickets/ticket.entity';
import { copyThread } from './copy-messages';
import { MergeConflictError } from './errors';
import { withLink } from './links-of';
import { saveTicketChanges } from './ticket-pair-writes';

/** Addresses a ticket lists as participants (besides its requester). */
export const MAX_PARTICIPANTS = 25;
const ATTEMPTS = 4;

export interface MergeOutcome {
  source: Ticket;
  target: Ticket;
  copiedMessages: number;
}

/**
 * Merges ticket `sourceId` into `targetId` (staff). The source's messages and notes are copied
 * onto the target with their authors, times and files (pages of at most 100 items, each one
 * transaction); then ONE transaction closes the source with `mergedIntoId`, grows the target's
 * counts, makes the source's requester a participant of the target (mail from them threads
 * there by number too), links the two as duplicates, and records `ticket.merged` on both (plus
 * the source's status change): the events reach the bus through the activities like any other.
 *
 * Until that last transaction the merge has not happened: the source is open and unchanged, and
 * the target has at most some extra messages. The copies are idempotent (same ids), so running
 * the merge again completes it. Both tickets are version-guarded: a message arriving on the
 * source meanwhile makes the merge copy again and retry, so none is left behind.
 * @throws NotFoundError (either ticket, e.g. another organization's id), ForbiddenError (customers),
 *   RuleViolationError (into itself, `#/targetTicketId`), MergeConflictError (source already merged,
 *   target closed/cancelled/merged), VersionConflictError (the tickets kept changing)
 */
export async function mergeTickets(deps: Deps, caller: Caller, sourceId: string, targetId: string): Promise<MergeOutcome> {
  assertStaff(caller, 'merge tickets');
  if (sourceId === targetId) throw new RuleViolationError('a ticket cannot be merged into itself', '#/targetTicketId');
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [source, target] = await Promise.all([loadTicket(deps, caller, sourceId), loadTarget(deps, caller, targetId)]);
    if (source.mergedIntoId) {
      throw new MergeConflictError(`ticket ${source.number} was already merged into ${source.mergedIntoNumber ?? source.mergedIntoId}`);
    }
    if (target.mergedIntoId) {
      throw new MergeConflictError(`ticket ${target.number} was itself merged into ${target.mergedIntoNumber ?? target.mergedIntoId}; merge into that one`, '#/targetTicketId');
    }
    if (isTerminalStatus(target.status)) {
      throw new MergeConflictError(`ticket ${target.number} is ${target.status}; reopen it first or merge into an open ticket`, '#/targetTicketId');
    }

    const copied = await copyThread(deps, caller.orgId, source.ticketId, target.ticketId);
    const now = deps.now();
    const at = now.toISOString();

    const closing: Ticket = {
      ...source, status: 'closed', closedAt: source.closedAt && isTerminalStatus(source.status) ? source.closedAt : at,
      mergedIntoId: target.ticketId, mergedIntoNumber: target.number, mergedAt: at, version: source.version + 1, updatedAt: at,
    };
    const sourceLinks = withLink(source, target, 'duplicate', at);
    if (Array.isArray(sourceLinks)) closing.links = sourceLinks;
    const sourceNext = await withSla(deps, source, closing);

    const participants = source.requesterEmail !== target.requesterEmail
      ? [...new Set([...(target.participants ?? []), source.requesterEmail, ...(source.participants ?? [])])]
        .filter((a) => a !== target.requesterEmail).slice(0, MAX_PARTICIPANTS)
      : target.participants;
    const targetNext: Ticket = {
      ...target,
      messageCount: target.messageCount + copied.public,
      noteCount: target.noteCount + copied.internal,
      lastMessageAt: [target.lastMessageAt, copied.lastPublicAt].filter((t): t is string => !!t).sort().at(-1),
      participants: participants?.length ? participants : undefined,
      version: target.version + 1,
      updatedAt: at,
    };
    const targetLinks = withLink(target, source, 'duplicate', at);
    if (Array.isArray(targetLinks)) targetNext.links = targetLinks;

    const data = {
      sourceTicketId: source.ticketId, sourceNumber: source.number, targetTicketId: target.ticketId, targetNumber: target.number,
      copiedMessages: copied.public + copied.internal,
    };
    const sourceActivities = [activityOf(sourceNext, 'ticket.merged', caller, deps.newId(), { data: { role: 'source', ...data } })];
    if (source.status !== 'closed') {
      sourceActivities.push(
        activityOf(sourceNext, 'ticket.status.changed', caller, deps.newId(), {
          changes: { status: { from: source.status, to: 'closed' } }, data: { reason: 'merged', mergedInto: target.number },
        }),
        activityOf(sourceNext, 'ticket.closed', caller, deps.newId(), { data: { from: source.status, reason: 'merged' } }),
      );
    }
    const targetActivities = [activityOf(targetNext, 'ticket.merged', caller, deps.newId(), { data: { role: 'target', ...data } })];
    const newParticipant = source.requesterEmail !== target.requesterEmail ? source.requesterEmail : undefined;
    const outcome = await saveTicketChanges(
      deps,
      [{ current: source, next: sourceNext, activities: sourceActivities }, { current: target, next: targetNext, activities: targetActivities }],
      // The mail side of "participant": a reply naming the target's number from this address threads there.
      newParticipant ? ({ mailParticipant }) => [mailParticipant.put({ orgId: caller.orgId, ticketId: target.ticketId, address: newParticipant }).commit()] : undefined,
    );
    if (outcome.ok) return { source: sourceNext, target: targetNext, copiedMessages: data.copiedMessages };
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * (attempt + 1)));
  }
  throw new VersionConflictError(sourceId);
}

/** The target, as the caller may see it; a missing one is a 404 naming the body's field. */
async function loadTarget(deps: Deps, caller: Caller, targetId: string): Promise<Ticket> {
  try {
    return await loadTicket(deps, caller, targetId);
  } catch (error) {
    if (error instanceof NotFoundError) {
      const notFound = new NotFoundError('ticket', targetId);
      notFound.extensions = { errors: [{ pointer: '#/targetTicketId', detail: `no ticket ${targetId} in this organization` }] };
      throw notFound;
    }
    throw error;
  }
}
