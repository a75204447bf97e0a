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

/** A channel's first customer message, written in the same transaction as the ticket (mail). */
export type FirstMessage = Pick<Message, 'body'> & Partial<Pick<Message, 'rawObjectKey' | 'mailMessageId' | 'attachments'>>;

/** The entities a create's transaction can write besides its own items (a channel's lookups). */
type TransactionEntities = Parameters<Parameters<Deps['store']['transaction']['write']>[0]>[0];
type AnyCommit = { [K in keyof TransactionEntities]: ReturnType<ReturnType<TransactionEntities[K]['put']>['commit']> }[keyof TransactionEntities];
export type ExtraWrites = (entities: TransactionEntities, ticket: Ticket) => AnyCommit[];

const MAX_ATTEMPTS = 60;

/**
 * Opens a ticket with the next number of the organization's yearly sequence. The counter,
 * the ticket, its number lookup and its `ticket.created` activity commit together, so a
 * failed write leaves no gap and two writers can never share a number.
 * @throws ForbiddenError when a customer files for someone else or assigns.
 * @throws RuleViolationError when staff omit the requester or name an assignee who is not staff here.
 * With `options.ticketId` the create is idempotent: the same id again returns the ticket made first.
 * @throws BusyError when the counter stays contended past every retry.
 */
export async function createTicket(
  deps: Deps,
  caller: Caller,
  input: CreateTicketBody,
  channel = 'api',
  options: {
    ticketId?: string;
    firstMessage?: FirstMessage;
    /** Kept on the ticket: the chat it came from. */
    chatId?: string;
    /** More items that must commit with the ticket (e.g. the web form's tracking token). */
    alsoWrite?: ExtraWrites;
  } = {},
): Promise<Ticket> {
  const requester = requesterFor(caller, input);
  if (input.assigneeId && !isStaff(caller)) throw new ForbiddenError('customers may not assign tickets');
  const ticketId = options.ticketId ?? deps.newId();
  const firstMessageId = options.firstMessage ? deps.newId() : undefined;
  const counters = deps.store.entities.counter;
  const startSla = await slaStarter(deps, caller.orgId, input.priority);

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = deps.now();
    const year = yearOf(now);
    const name = ticketCounterName(year);
    const hintKey = `${caller.orgId}#${name}`;
    const hint = attempt === 0 ? counterHints.get(hintKey) : undefined;
    const current = hint ?? (await counters.get({ orgId: caller.orgId, name }).go({ consistent: true })).data?.value ?? 0;
    const ticket: Ticket = {
      orgId: caller.orgId,
      ticketId,
      number: formatTicketNumber(year, current + 1),
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
      ...(options.chatId ? { chatId: options.chatId } : {}),
      messageCount: options.firstMessage ? 1 : 0,
      noteCount: 0,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
      ...startSla(now),
    };
    const created = activityOf(ticket, 'ticket.created', caller, deps.newId(), {
      data: { number: ticket.number, priority: ticket.priority, channel, assigneeId: ticket.assigneeId ?? null },
    });
    const first: Message | undefined = options.firstMessage && {
      ...options.firstMessage,
      orgId: caller.orgId, ticketId, messageId: firstMessageId!, internal: false, authorId: caller.userId,
      authorRole: caller.role, authorName: caller.name, channel, createdAt: ticket.createdAt,
    };
    const firstAdded = first && activityOf(ticket, 'ticket.message.added', caller, deps.newId(), {
      data: { messageId: first.messageId, authorRole: caller.role },
    });
    const { canceled, data } = await deps.store.transaction
      .write((entities) => {
        const { counter: c, ticket: t, ticketNumber, activity, message, user } = entities;
        return [
        c.put({ orgId: caller.orgId, name, value: current + 1 })
          .where(({ value }, { eq, notExists }) => (current > 0 ? eq(value, current) : notExists(value)))
          .commit(),
        t.create(ticket).commit(),
        ticketNumber.create({ orgId: caller.orgId, number: ticket.number, ticketId }).commit(),
        activity.create(created).commit(),
        ...(first && firstAdded ? [message.create(first).commit(), activity.create(firstAdded).commit()] : []),
        // Before the assignee check, which must stay last (its failure is read from the end).
        ...(options.alsoWrite ? options.alsoWrite(entities, ticket) : []),
        ...(input.assigneeId
          ? [user.check({ orgId: caller.orgId, userId: input.assigneeId })
              .where(({ role, active }, { eq, ne }) => `${eq(active, true)} AND ${ne(role, 'customer')}`)
              .commit()]
          : []),
      ];
      })
      .go();
    if (!canceled) {
      if (attempt === 0) rememberCounter(hintKey, current + 1);
      return ticket;
    }
    counterHints.delete(hintKey);
    if (options.ticketId && data[1]?.code === 'ConditionalCheckFailed') {
      // A create with a caller-chosen id that already happened (a retried mail): return it.
      const { data: existing } = await deps.store.entities.ticket.get({ orgId: caller.orgId, ticketId }).go({ consistent: true });
      if (existing) return existing;
    }
    if (input.assigneeId && data.at(-1)?.code === 'ConditionalCheckFailed') {
      throw new RuleViolationError(`${input.assigneeId} is not an active agent of this organization`, '#/assigneeId');
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * (attempt + 1))));
  }
  throw new BusyError('too many tickets are being created at once; retry shortly');
}

/**
 * The counter value this container last wrote, per organization and year. A create first
 * tries it without reading: right whenever this container made the previous ticket (the
 * common case of a quiet helpdesk and of a busy warm container), and when it is wrong the
 * counter's condition fails the transaction and the retry reads, so numbers stay exact. After
 * a contended create the next one reads first.
 */
const counterHints = new Map<string, number>();
function rememberCounter(key: string, value: number) {
  if (counterHints.size > 10_000) counterHints.clear();
  counterHints.set(key, value);
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
