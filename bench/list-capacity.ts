import type { RuntimeContract } from '../bin/local/runtime';
import { listTickets } from '../functions/domain/tickets/list-tickets';
import { ListTicketsQuery } from '../schemas/tickets';
import { meteredDomain } from './capacity';

/**
 * The read units of one page of a ticket list as the agent's GET /v1/tickets reads it (the index
 * Queries and the page's BatchGetItem), on a client that asks DynamoDB for consumed capacity.
 */
export async function listPageReadUnits(contract: RuntimeContract, query: Record<string, unknown>): Promise<number> {
  const { deps, meter, caller, close } = meteredDomain(contract);
  try {
    await listTickets(deps, caller('agent'), ListTicketsQuery.parse(query));
    return meter.read;
  } finally {
    close();
  }
}
