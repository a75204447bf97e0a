import { type Caller, isStaff } from '../caller';
import { NotFoundError } from '../errors';
import type { Deps } from '../store/store';
import { assertVisible } from './access';
import { assertInScope } from '../team/agent-scope';
import type { Activity } from './activity.entity';
import { readMessages } from './list-messages';
import type { Message } from './message.entity';
import type { Ticket } from './ticket.entity';

/** Messages the detail view carries; older ones are a page away (GET …/messages). */
export const DETAIL_MESSAGES = 50;
/** Activities the detail view carries, newest kept. */
export const DETAIL_ACTIVITIES = 200;

export interface TicketThread {
  ticket: Ticket;
  /** The newest messages the caller may see, oldest first. */
  messages: Message[];
  activities: Activity[];
  /** Set when older messages were left out: continues GET …/messages?order=desc from the oldest shown. */
  olderMessagesCursor?: string;
}

/**
 * A ticket with its newest messages and activities: three reads of its partition side by
 * side (ticket, messages, activities), each bounded, so a long thread costs no more.
 * @throws NotFoundError when missing or not visible to the caller.
 */
export async function getTicketThread(deps: Deps, caller: Caller, ticketId: string): Promise<TicketThread> {
  const key = { orgId: caller.orgId, ticketId };
  const newestMessages = () => readMessages(deps, caller, ticketId, { limit: DETAIL_MESSAGES, order: 'desc' });
  const newestActivities = () => deps.store.entities.activity.query.byTicket(key).go({ order: 'desc', count: DETAIL_ACTIVITIES });
  const [{ data: item }, firstMessages, firstActivities] = await Promise.all([
    deps.store.entities.ticket.get(key).go(),
    newestMessages(),
    newestActivities(),
  ]);
  const ticket = assertVisible(caller, item, ticketId);
  await assertInScope(deps, caller, ticket, ticketId);
  // The reads run side by side, so a change committed between them can show on the ticket yet be
  // missing from its thread or history: read those again rather than show a ticket ahead of them.
  // The ticket counts public messages and notes, and every version it reaches writes an activity.
  const [messages, activities] = await Promise.all([
    firstMessages.items.length < expectedMessages(caller, ticket) ? newestMessages() : firstMessages,
    versionOfNewest(firstActivities.data) < ticket.version ? newestActivities() : firstActivities,
  ]);
  return {
    ticket,
    messages: [...messages.items].reverse(),
    activities: [...activities.data].reverse(),
    ...(messages.nextCursor ? { olderMessagesCursor: messages.nextCursor } : {}),
  };
}

/** The ticket version the newest activity recorded (each carries the ticket's snapshot). */
const versionOfNewest = (newestFirst: readonly Activity[]) => Number((newestFirst[0]?.snapshot as { version?: number } | undefined)?.version ?? 0);

/** How many messages the first page must hold: the ticket counts public messages and notes apart. */
function expectedMessages(caller: Caller, ticket: Ticket): number {
  return Math.min(DETAIL_MESSAGES, ticket.messageCount + (isStaff(caller) ? ticket.noteCount : 0));
}

/** @throws NotFoundError when no ticket of the caller's organization has this number, or it is hidden. */
export async function getTicketThreadByNumber(deps: Deps, caller: Caller, number: string): Promise<TicketThread> {
  const { data } = await deps.store.entities.ticketNumber.get({ orgId: caller.orgId, number }).go();
  if (!data) throw new NotFoundError('ticket', number);
  try {
    return await getTicketThread(deps, caller, data.ticketId);
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError('ticket', number);
    throw error;
  }
}
