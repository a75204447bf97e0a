import type { CreateTicketBody } from '../../../schemas/tickets';
import { type Caller, isStaff } from '../caller';
import { BusyError, ForbiddenError, RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import { normaliseEmail } from './access';
import { activityOf } from './activities';
import { formatTicketNumber, ticketCounterName, yearOf } from './numbering';
import { slaStarter } from './ticket-sla';
import type { Message } from './message.entity';
import type { Ticket } from './ticket.entity';
import type { AlsoWrite } from './ticket-writes';

/** A channel's first customer message, written in the same transaction as the ticket (mail). */
export type FirstMessage = Pick<Message, 'body'> & Partial<Pick<Message, 'rawObjectKey' | 'mailMessageId' | 'attachments' | 'messageId' | 'createdAt'
  | 'metaMessageId' | 'metaType' | 'metaDetails'>>;

/**
 * Opens a ticket with the next number of the organization's yearly sequence. The number comes
 * from an atomic ADD on the counter item, outside the ticket's transaction: concurrent creates
 * never contend for it (no read, no condition, no retry), so a burst costs one small write each.
 * The ticket, its number lookup and its `ticket.created` activity then commit together. What can
 * be checked first is checked before a number is taken (an assignee who is not staff here, a
 * caller-chosen id that already exists), so a number is skipped only when the write fails after
 * allocation (the store down, the assignee removed in between).
 * @throws ForbiddenError when a customer files for someone else or assigns.
 * @throws RuleViolationError when staff omit the requester or name an assignee who is not staff here.
 * With `options.ticketId` the create is idempotent: the same id again returns the ticket made first.
 */
export async function createTicket(
  deps: Deps,
  caller: Caller,
  input: CreateTicketBody,
  channel = 'api',
  options: {
    ticketId?: string;
    firstMessage?: FirstMessage;
    /** Channel facts set once at creation (WhatsApp/Instagram channel and contact). */
    fields?: Partial<Pick<Ticket, 'metaChannelId' | 'metaContactId' | 'lastInboundAt'>>;
    alsoWrite?: AlsoWrite;
  } = {},
): Promise<Ticket> {
  const requester = requesterFor(caller, input);
  if (input.assigneeId && !isStaff(caller)) throw new ForbiddenError('customers may not assign tickets');
  if (options.ticketId) {
    const existing = await existingTicket(deps, caller.orgId, options.ticketId);
    if (existing) return existing;
  }
  if (input.assigneeId) await assertAssignable(deps, caller.orgId, input.assigneeId);
  const ticketId = options.ticketId ?? deps.newId();
  const firstMessageId = options.firstMessage ? (options.firstMessage.messageId ?? deps.newId()) : undefined;
  const startSla = await slaStarter(deps, caller.orgId, input.priority);
  const now = deps.now();
  const year = yearOf(now);
  const sequence = await nextTicketSequence(deps, caller.orgId, year);
  const ticket: Ticket = {
    orgId: caller.orgId,
    ticketId,
    number: formatTicketNumber(year, sequence),
    subject: input.subject,
    description: input.description,
    status: 'new',
    priority: input.priority,
    category: input.category,
    tags: [...new Set(input.tags)],
    customFields: input.customFields,
    requesterEmail: requester.email,
    requesterName: requester.name,
    requesterPhone: requester.phone,
    createdById: caller.userId,
    assigneeId: input.assigneeId,
    assigneeKey: input.assigneeId ?? 'unassigned',
    escalationTier: 0,
    escalated: false,
    channel,
    messageCount: options.firstMessage ? 1 : 0,
    noteCount: 0,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
    ...options.fields,
    ...startSla(now),
  };
  const created = activityOf(ticket, 'ticket.created', caller, deps.newId(), {
    data: { number: ticket.number, priority: ticket.priority, channel, assigneeId: ticket.assigneeId ?? null },
  });
  const first: Message | undefined = options.firstMessage && {
    ...options.firstMessage,
    orgId: caller.orgId, ticketId, messageId: firstMessageId!, internal: false, authorId: caller.userId,
    authorRole: caller.role, authorName: caller.name, channel, createdAt: options.firstMessage.createdAt ?? ticket.createdAt,
  };
  const firstAdded = first && activityOf(ticket, 'ticket.message.added', caller, deps.newId(), {
    data: { messageId: first.messageId, authorRole: caller.role },
  });
  const { canceled, data } = await deps.store.transaction
    .write((entities) => {
      const { ticket: t, ticketNumber, activity, message, user } = entities;
      return [
      t.create(ticket).commit(),
      ticketNumber.create({ orgId: caller.orgId, number: ticket.number, ticketId }).commit(),
      activity.create(created).commit(),
      ...(first && firstAdded ? [message.create(first).commit(), activity.create(firstAdded).commit()] : []),
      ...(input.assigneeId
        ? [user.check({ orgId: caller.orgId, userId: input.assigneeId })
            .where(({ role, active }, { eq, ne }) => `${eq(active, true)} AND ${ne(role, 'customer')}`)
            .commit()]
        : []),
      ...((options.alsoWrite?.(entities) ?? []) as never[]),
    ];
    })
    .go();
  if (!canceled) return ticket;
  if (options.ticketId && data[0]?.code === 'ConditionalCheckFailed') {
    // The same caller-chosen id won a race with this create (a mail delivered twice at once).
    const existing = await existingTicket(deps, caller.orgId, options.ticketId);
    if (existing) return existing;
  }
  if (input.assigneeId && data.at(-1)?.code === 'ConditionalCheckFailed') {
    throw new RuleViolationError(`${input.assigneeId} is not an active agent of this organization`, '#/assigneeId');
  }
  throw new BusyError('the ticket could not be written; retry shortly');
}

/** The next number of the organization's yearly sequence: one atomic ADD, never contended. */
async function nextTicketSequence(deps: Deps, orgId: string, year: number): Promise<number> {
  const { data } = await deps.store.entities.counter
    .update({ orgId, name: ticketCounterName(year) })
    .add({ value: 1 })
    .go({ response: 'updated_new' });
  return Number(data.value);
}

async function existingTicket(deps: Deps, orgId: string, ticketId: string): Promise<Ticket | undefined> {
  const { data } = await deps.store.entities.ticket.get({ orgId, ticketId }).go({ consistent: true });
  return data ?? undefined;
}

async function assertAssignable(deps: Deps, orgId: string, userId: string): Promise<void> {
  const { data } = await deps.store.entities.user.get({ orgId, userId }).go();
  if (!data || data.active !== true || data.role === 'customer') {
    throw new RuleViolationError(`${userId} is not an active agent of this organization`, '#/assigneeId');
  }
}

function requesterFor(caller: Caller, input: CreateTicketBody) {
  if (!isStaff(caller)) {
    if (input.requester && normaliseEmail(input.requester.email) !== normaliseEmail(caller.email)) {
      throw new ForbiddenError('customers file tickets for themselves only');
    }
    return { email: normaliseEmail(caller.email), name: input.requester?.name ?? caller.name, phone: input.requester?.phone };
  }
  if (!input.requester) throw new RuleViolationError('staff must name the requester the ticket is for', '#/requester');
  return { ...input.requester, email: normaliseEmail(input.requester.email) };
}
