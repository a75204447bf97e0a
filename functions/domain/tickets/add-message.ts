import type { AddMessageBody } from '../../../schemas/messages';
import type { TicketStatus } from '../../../schemas/tickets';
import { type Caller, isStaff } from '../caller';
import { ForbiddenError, RuleViolationError, VersionConflictError } from '../errors';
import type { Deps } from '../store/store';
import { activityOf } from './activities';
import { loadTicket, retryOnConflict } from './load-ticket';
import type { Message } from './message.entity';
import type { PlannedEvent } from './plan-ticket-update';
import { type AlsoWrite, saveTicketChange } from './ticket-writes';
import { assertReplyWindow, messageBodyOf } from '../meta/reply-window';
import { withSla } from './ticket-sla';
import type { Ticket } from './ticket.entity';
import { isTerminal } from './transitions';

export type MessageSource = Partial<Pick<Message, 'rawObjectKey' | 'mailMessageId' | 'attachments' | 'messageId' | 'createdAt'
  | 'metaMessageId' | 'metaType' | 'metaDetails'>>;

/** A customer writing on these statuses brings the ticket back to the agents' queue. */
const CUSTOMER_REPLY_REOPENS: readonly TicketStatus[] = ['waiting_on_customer', 'resolved'];

/**
 * Adds a public reply or an internal note. The first public staff reply sets
 * `firstResponseAt`; a staff reply opens a `new` ticket; a customer reply reopens a ticket
 * that waited on them or was resolved. Message, ticket and activities commit together.
 * @throws NotFoundError, ForbiddenError (customer notes), RuleViolationError (public reply on a closed ticket)
 */
export async function addMessage(
  deps: Deps,
  caller: Caller,
  ticketId: string,
  input: AddMessageBody,
  channel = 'api',
  /** Channel facts kept on the message (mail: raw object key, Message-ID, attachments; Meta: its id, type and time). */
  source: MessageSource = {},
  options: { ticketChanges?: Partial<Pick<Ticket, 'lastInboundAt'>>; alsoWrite?: AlsoWrite } = {},
): Promise<{ ticket: Ticket; message: Message }> {
  if (input.internal && !isStaff(caller)) throw new ForbiddenError('customers cannot write internal notes');
  const result = await retryOnConflict(async () => {
    const current = await loadTicket(deps, caller, ticketId);
    const { next: planned, message, events } = planMessage(current, input, caller, deps, channel);
    Object.assign(message, source);
    Object.assign(planned, options.ticketChanges);
    const next = await withSla(deps, current, planned, message);
    const activities = events.map((event) => activityOf(next, event.type, caller, deps.newId(), event));
    const outcome = await saveTicketChange(deps, current, next, activities, { message, alsoWrite: options.alsoWrite });
    return outcome.ok ? { ticket: next, message } : ('retry' as const);
  });
  if (result === 'retry') throw new VersionConflictError(ticketId);
  return result;
}

function planMessage(current: Ticket, input: AddMessageBody, caller: Caller, deps: Deps, channel: string) {
  if (!input.internal && isTerminal(current.status)) {
    throw new RuleViolationError(`the ticket is ${current.status}; reopen it or open a new ticket to write to the customer`);
  }
  assertReplyWindow(current, input, caller, deps.now());
  const at = deps.now().toISOString();
  const staff = isStaff(caller);
  const message: Message = {
    orgId: current.orgId,
    ticketId: current.ticketId,
    messageId: deps.newId(),
    body: messageBodyOf(input),
    internal: input.internal,
    authorId: caller.userId,
    authorRole: caller.role,
    authorName: caller.name,
    channel,
    createdAt: at,
    ...(input.template ? { metaType: 'template', metaDetails: { template: input.template } } : {}),
  };
  const next: Ticket = { ...current, version: current.version + 1, updatedAt: at };
  const events: PlannedEvent[] = [];
  if (input.internal) {
    next.noteCount = current.noteCount + 1;
    events.push({ type: 'ticket.note.added', data: { messageId: message.messageId } });
    return { next, message, events };
  }
  next.messageCount = current.messageCount + 1;
  events.push({ type: 'ticket.message.added', data: { messageId: message.messageId, authorRole: caller.role } });
  if (staff && !current.firstResponseAt) next.firstResponseAt = at;
  const reopenTo: TicketStatus | undefined = staff
    ? current.status === 'new' ? 'open' : undefined
    : CUSTOMER_REPLY_REOPENS.includes(current.status) ? 'open' : undefined;
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
