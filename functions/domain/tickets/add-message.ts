import type { AddMessageBody } from '../../../schemas/messages';
import type { TicketStatus } from '../../../schemas/tickets';
import { type AttachmentClaim, attachmentViewOf, clearUploads, prepareAttachments } from '../attachments/attach-uploads';
import type { AttachmentStore } from '../ports/attachment-store';
import { type Caller, isStaff } from '../caller';
import { ForbiddenError, NotFoundError, RuleViolationError, VersionConflictError } from '../errors';
import { isAwaitingCustomerStatus, isTerminalStatus } from '../status-groups';
import type { Deps } from '../store/store';
import type { InboundMailRef } from './create-ticket';
import { activityOf } from './activities';
import { loadTicket, retryOnConflict } from './load-ticket';
import { messageEventData } from './message-event';
import type { Message } from './message.entity';
import { type PlannedEvent, planTicketUpdate } from './plan-ticket-update';
import { type AlsoItems, saveTicketChange } from './ticket-writes';
import { assertReplyWindow } from '../meta/reply-window';
import { withSla } from './ticket-sla';
import type { Ticket } from './ticket.entity';

/** Channel facts kept on the message (mail: raw object key, Message-ID, stored attachments, HTML). */
export type MessageSource = Partial<Pick<Message, 'rawObjectKey' | 'mailMessageId' | 'attachments' | 'rejectedAttachments' | 'html'
  | 'createdAt' | 'metaMessageId' | 'metaType' | 'metaDetails'>>;

/**
 * Adds a public reply or an internal note, optionally with uploaded files and a status change.
 * The first public staff reply sets `firstResponseAt`; without a `status`, a staff reply opens
 * a `new` ticket and a customer reply reopens a ticket that waited on them or was resolved.
 * Message, ticket (one new version), activities and the files' claims commit together.
 * @throws NotFoundError (ticket, or an attachment not the caller's slot on this ticket),
 *   ForbiddenError (customer notes or status), RuleViolationError (public reply on a closed ticket),
 *   IllegalTransitionError, AttachmentRefusedError, VersionConflictError
 */
export async function addMessage(
  deps: Deps,
  caller: Caller,
  ticketId: string,
  input: AddMessageBody,
  channel = 'api',
  /**
   * Channel facts kept on the message (mail: raw object key, Message-ID, attachments, HTML), the
   * message id when the channel chose it, and the inbound Message-ID to record with the write.
   */
  source: MessageSource & { messageId?: string; mailRef?: InboundMailRef } = {},
  ports: { attachments?: AttachmentStore } = {},
  /** Messaging channels: ticket fields the message moves (the last inbound time) and their lookup items, in the same transaction. */
  options: { ticketChanges?: Partial<Pick<Ticket, 'lastInboundAt'>>; also?: AlsoItems } = {},
): Promise<{ ticket: Ticket; message: Message }> {
  if (input.internal && !isStaff(caller)) throw new ForbiddenError('customers cannot write internal notes');
  if (input.status && !isStaff(caller)) throw new ForbiddenError('customers may not set the status (close a ticket with POST /v1/tickets/{ticketId}/close)');
  const ids = input.attachmentIds ?? [];
  let claims: AttachmentClaim[] = [];
  if (ids.length > 0) {
    if (!ports.attachments) throw new Error('addMessage with attachmentIds needs the attachment store');
    const current = await loadTicket(deps, caller, ticketId);
    assertWritable(current, input);
    claims = await prepareAttachments(deps, ports.attachments, caller, ids, { slotTicketId: ticketId, ticketId });
  }
  const result = await retryOnConflict(async () => {
    const current = await loadTicket(deps, caller, ticketId);
    const { messageId, mailRef, ...facts } = source;
    const withFiles: MessageSource = claims.length ? { ...facts, attachments: claims.map((c) => attachmentViewOf(c.attachment)) } : facts;
    const { next: planned, message, events } = planMessage(current, input, caller, deps, channel, withFiles, messageId);
    Object.assign(planned, options.ticketChanges);
    const next = await withSla(deps, current, planned, message);
    const activities = events.map((event) => activityOf(next, event.type, caller, deps.newId(), event));
    const outcome = await saveTicketChange(deps, current, next, activities, {
      message,
      claims,
      also: options.also,
      ...(mailRef ? { mailRef: { ...mailRef, direction: 'in' as const, createdAt: message.createdAt } } : {}),
    });
    if (!outcome.ok && outcome.reason === 'attachment-taken') throw new NotFoundError('attachment', ids.join(', '));
    return outcome.ok ? { ticket: next, message } : ('retry' as const);
  });
  if (result === 'retry') throw new VersionConflictError(ticketId);
  if (claims.length && ports.attachments) await clearUploads(ports.attachments, claims);
  return result;
}

function assertWritable(current: Ticket, input: AddMessageBody) {
  if (!input.internal && isTerminalStatus(current.status) && !(input.status && !isTerminalStatus(input.status))) {
    throw new RuleViolationError(`the ticket is ${current.status}; reopen it or open a new ticket to write to the customer`);
  }
}

function planMessage(
  current: Ticket, input: AddMessageBody, caller: Caller, deps: Deps, channel: string, source: MessageSource, messageId?: string,
) {
  assertWritable(current, input);
  assertReplyWindow(current, input, caller, deps.now());
  const now = deps.now();
  const at = now.toISOString();
  const staff = isStaff(caller);
  const message: Message = {
    orgId: current.orgId,
    ticketId: current.ticketId,
    messageId: messageId ?? deps.newId(),
    body: input.body,
    internal: input.internal,
    authorId: caller.userId,
    authorRole: caller.role,
    authorName: caller.name,
    channel,
    createdAt: at,
    ...(input.template ? { metaType: 'template', metaDetails: { template: input.template } } : {}),
    ...source,
  };
  let next: Ticket = { ...current, version: current.version + 1, updatedAt: at };
  const events: PlannedEvent[] = [];
  if (input.internal) {
    next.noteCount = current.noteCount + 1;
    events.push({ type: 'ticket.note.added', data: messageEventData(message) });
  } else {
    next.messageCount = current.messageCount + 1;
    next.lastMessageAt = at;
    events.push({ type: 'ticket.message.added', data: messageEventData(message) });
    if (staff && !current.firstResponseAt) next.firstResponseAt = at;
  }
  if (input.status) {
    // The status the writer chose replaces the automatic one, in the same version.
    const resolution = input.resolution ?? (input.status === 'resolved' ? input.body.slice(0, 10_000) : undefined);
    const plan = planTicketUpdate({ ...next, version: current.version }, { status: input.status, resolution }, caller, now);
    next = { ...plan.next, version: current.version + 1, updatedAt: at };
    events.push(...plan.events);
    return { next, message, events };
  }
  if (input.internal) return { next, message, events };
  const reopenTo: TicketStatus | undefined = staff
    ? current.status === 'new' ? 'open' : undefined
    : isAwaitingCustomerStatus(current.status) ? 'open' : undefined;
  if (reopenTo) {
    next.status = reopenTo;
    if (current.status === 'resolved') {
      next.resolutionText = undefined;
      next.resolvedById = undefined;
      next.resolvedAt = undefined;
    }
    events.push({
      type: 'ticket.status.changed',
      changes: { status: { from: current.status, to: reopenTo } },
      data: { reason: staff ? 'first-staff-reply' : 'customer-replied' },
    });
  }
  return { next, message, events };
}
