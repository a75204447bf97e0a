import type { Deps } from '../store/store';
import type { Ticket } from '../tickets/ticket.entity';

/** Merge chains longer than this are not followed further (A into B into C …). */
export const MAX_MERGE_HOPS = 10;

/**
 * The ticket a conversation continues on: the ticket itself, or, when it was merged, the ticket
 * it was merged into (followed along a chain of merges). Mail threading, messaging contacts and
 * tracking links use it, so later messages on a merged ticket's thread land on its target.
 * One consistent GetItem per hop; an unmerged ticket costs nothing.
 */
export async function followMerges(deps: Deps, ticket: Ticket): Promise<Ticket> {
  let current = ticket;
  for (let hop = 0; hop < MAX_MERGE_HOPS && current.mergedIntoId; hop++) {
    const { data } = await deps.store.entities.ticket.get({ orgId: current.orgId, ticketId: current.mergedIntoId }).go({ consistent: true });
    if (!data) break;
    current = data;
  }
  return current;
}
