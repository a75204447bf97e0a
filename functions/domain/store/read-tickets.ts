import type { Deps } from './store';
import type { Ticket } from '../tickets/ticket.entity';

/**
 * The tickets of `orgId` with these ids, in this order, in one BatchGetItem (ElectroDB splits
 * above 100 keys): what a page of an index Query becomes, since the indexes carry only what
 * their queries filter on (functions/manifest/table.ts). A ticket gone since is left out.
 */
export async function readTickets(deps: Deps, orgId: string, ticketIds: readonly string[], options: { consistent?: boolean } = {}): Promise<Ticket[]> {
  if (ticketIds.length === 0) return [];
  const found = new Map<string, Ticket>();
  let keys = ticketIds.map((ticketId) => ({ orgId, ticketId }));
  for (let attempt = 0; keys.length && attempt < 5; attempt++) {
    if (attempt) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    const { data, unprocessed } = await deps.store.entities.ticket.get(keys).go(options.consistent ? { consistent: true } : undefined);
    for (const ticket of data) if (ticket) found.set(ticket.ticketId, ticket as Ticket);
    keys = unprocessed as typeof keys;
  }
  if (keys.length) throw new Error(`BatchGetItem left ${keys.length} ticket(s) unread after retries`);
  return ticketIds.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
}
