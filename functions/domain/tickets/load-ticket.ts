import type { Caller } from '../caller';
import type { Deps } from '../store/store';
import { assertVisible } from './access';
import { assertInScope } from '../team/agent-scope';
import type { Ticket } from './ticket.entity';

/**
 * The ticket item alone, read consistently, as the base of a change.
 * @throws NotFoundError when missing or not visible to the caller.
 */
export async function loadTicket(deps: Deps, caller: Caller, ticketId: string): Promise<Ticket> {
  const { data } = await deps.store.entities.ticket.get({ orgId: caller.orgId, ticketId }).go({ consistent: true });
  const ticket = assertVisible(caller, data, ticketId);
  await assertInScope(deps, caller, ticket, ticketId);
  return ticket;
}

/** Runs `attempt` again while the ticket moved under it; callers that sent no If-Match mean "latest". */
export async function retryOnConflict<T>(attempt: () => Promise<T | 'retry'>, times = 8): Promise<T | 'retry'> {
  for (let i = 0; i < times; i++) {
    const result = await attempt();
    if (result !== 'retry') return result;
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (i + 1)));
  }
  return 'retry';
}
