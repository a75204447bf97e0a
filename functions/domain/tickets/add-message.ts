import type { AddMessageBody } from '../../../schemas/messages';
import type { TicketStatus } from '../../../schemas/tickets';
import { type Caller, isStaff } from '../caller';
import { ForbiddenError, RuleViolationError, VersionConflictError } from '../errors';
import { isAwaitingCustomerStatus, isTerminalStatus } from '../status-groups';
import type { Deps } from '../store/store';
import { activityOf } from './activities';
import { loadTicket, retryOnConflict } from './load-ticket';
import type { Message } from './message.entity';
import type { PlannedEvent } from './plan-ticket-update';
import { saveTicketChange } from './ticket-writes';
import { withSla } from './ticket-sla';
import type { Ticket } from './ticket.entity';

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
  /** Channel facts kept on the message (mail: raw object key, Message-ID, attachments). */
  source: Pick<Message, 'rawObjectKey' | 'mailMessageId' | 'attachments'> = {},
): Promise<{ ticket: Ticket; message: Message }> {
  if (input.internal && !isStaff(caller)) throw new ForbiddenError('customers cannot write internal notes');
  const result = await retryOnConflict(async () => {
    const current = await loadTicket(deps, caller, ticketId);
    const { next: planned, message, events } = planMessage(current, input, caller, deps, channel);
    Object.assign(message, source);
    const next = await withSla(deps, current, planned, message);
    const activities = events.map((event) => activityOf(next, event.type, caller, deps.newId(), event));
    const outcome = await saveTicketChange(deps, current, next, activities, { message });
    return outcome.ok ? { ticket: next, message } : ('retry' as const);
  });
  if (result === 'retry') throw new VersionConflictError(ticketId);
  return result;
}

function planMessage(current: Ticket, input: AddMessageBody, caller: Caller, deps: Deps, channel: string) {
  if (!input.internal && isTerminalStatus(current.status)) {
    throw new RuleViolationError(`the ticket is ${current.status}; reopen it or open a new ticket to write to the customer`);
  }
  const at = deps.now().toISOString();
  const staff = isStaff(caller);
  const message: Message = {
    orgId: current.orgId,
    ticketId: current.ticketId,
    messageId: deps.newId(),
    body: input.body,
    internal: input.internal,
    authorId: caller.userId,
    authorRole: caller.role,
    authorName: caller.name,
    channel,
    createdAt: at,
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
