import type { Caller } from '../caller';
import { NotFoundError } from '../errors';
import type { Deps } from '../store/store';
import { assertVisible } from './access';
import { assertInScope } from '../team/agent-scope';
import type { Activity } from './activity.entity';
import type { Message } from './message.entity';
import type { Ticket } from './ticket.entity';

export interface TicketThread {
  ticket: Ticket;
  messages: Message[];
  activities: Activity[];
}

/**
 * A ticket with its messages and activities: one Query of its partition (more pages only
 * past DynamoDB's 1 MB page).
 * @throws NotFoundError when missing or not visible to the caller.
 */
export async function getTicketThread(deps: Deps, caller: Caller, ticketId: string): Promise<TicketThread> {
  const { data } = await deps.store.collections.thread({ orgId: caller.orgId, ticketId }).go({ pages: 'all' });
  const ticket = assertVisible(caller, data.ticket[0], ticketId);
  await assertInScope(deps, caller, ticket, ticketId);
  return { ticket, messages: data.message, activities: data.activity };
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
