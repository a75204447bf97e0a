import type { z } from 'zod';
import type { AddReplyArgs, CreateTicketReportArgs, GetTicketInformationArgs, SearchTicketsArgs } from '../../../schemas/ai-tools';
import { type Caller, isStaff } from '../caller';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import { addMessage } from '../tickets/add-message';
import { createTicket } from '../tickets/create-ticket';
import { getTicketThread, getTicketThreadByNumber } from '../tickets/get-ticket';
import { listTickets } from '../tickets/list-tickets';
import { ticketSummary } from './ticket-summary';

export type ToolSuccess = { success: true } & Record<string, unknown>;

const NUMBER = /^TKT-\d{4}-\d{6,}$/i;

/** A ticket named by number or id, as the caller may see it. */
async function threadOf(deps: Deps, caller: Caller, ref: string) {
  return NUMBER.test(ref) ? getTicketThreadByNumber(deps, caller, ref.toUpperCase()) : getTicketThread(deps, caller, ref);
}

function staffOnly(caller: Caller, field: string, value: unknown) {
  if (value !== undefined && !isStaff(caller)) throw new ForbiddenError(`${field} is for staff tokens; a customer acts for themselves`);
}

/** Seed 002's `create_ticket_report`: the API's ticket create, on the `ai` channel. */
export async function createTicketReport(deps: Deps, caller: Caller, args: z.infer<typeof CreateTicketReportArgs>): Promise<ToolSuccess> {
  staffOnly(caller, 'requester_email', args.requester_email);
  if (isStaff(caller) && !args.requester_email) {
    throw new RuleViolationError('a staff token must name requester_email: the customer the ticket is for');
  }
  // Seed 002's categories are fixed; the organization's catalog is its own. A category the
  // catalog has is used as such; any other is kept as a tag, so the model's choice is not lost.
  const { data: known } = await deps.store.entities.category.get({ orgId: caller.orgId, categoryId: args.category }).go();
  const category = known && !known.archived ? args.category : undefined;
  const ticket = await createTicket(deps, caller, {
    subject: args.subject,
    description: args.description,
    priority: args.priority ?? 'medium',
    category,
    tags: category ? ['ai'] : ['ai', `ai-category:${args.category}`],
    customFields: {},
    requester: args.requester_email ? { email: args.requester_email, name: args.requester_name } : undefined,
  }, 'ai');
  return {
    success: true,
    ticketId: ticket.number,
    id: ticket.ticketId,
    status: ticket.status,
    priority: ticket.priority,
    category: args.category,
    message: `Ticket ${ticket.number} created`,
  };
}

/** Seed 002's `get_ticket_information`: one ticket by number, or the requester's recent ones. */
export async function getTicketInformation(deps: Deps, caller: Caller, args: z.infer<typeof GetTicketInformationArgs>): Promise<ToolSuccess> {
  staffOnly(caller, 'requester_email', args.requester_email);
  if (args.ticket_id && !args.lookup_recent) {
    const { ticket, messages } = await threadOf(deps, caller, args.ticket_id);
    return { success: true, ticket: ticketSummary(ticket, messages) };
  }
  const page = await listTickets(deps, caller, {
    requesterEmail: args.requester_email, sort: 'updatedAt', order: 'desc', limit: 5,
  });
  return { success: true, tickets: page.items.map((t) => ticketSummary(t)) };
}

export async function searchTickets(deps: Deps, caller: Caller, args: z.infer<typeof SearchTicketsArgs>): Promise<ToolSuccess> {
  staffOnly(caller, 'requester_email', args.requester_email);
  const page = await listTickets(deps, caller, {
    status: args.status, priority: args.priority, requesterEmail: args.requester_email, tag: args.tag,
    category: args.category, sort: 'updatedAt', order: 'desc', limit: args.limit ?? 10, cursor: args.cursor,
  });
  return { success: true, tickets: page.items.map((t) => ticketSummary(t)), nextCursor: page.nextCursor };
}

export async function addReply(deps: Deps, caller: Caller, args: z.infer<typeof AddReplyArgs>): Promise<ToolSuccess> {
  const { ticket } = await threadOf(deps, caller, args.ticket_id).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError('ticket', args.ticket_id) : error;
  });
  const { message, ticket: after } = await addMessage(deps, caller, ticket.ticketId, { body: args.body, internal: args.internal ?? false }, 'ai');
  return { success: true, ticketId: after.number, messageId: message.messageId, internal: message.internal, status: after.status };
}
