import type { RuntimeContract } from '../bin/local/runtime';
import { createDynamoClients } from '../functions/adapters/dynamodb-clients';
import type { Caller } from '../functions/domain/caller';
import { type Deps, createStore } from '../functions/domain/store/store';
import { listTickets } from '../functions/domain/tickets/list-tickets';
import { ListTicketsQuery } from '../schemas/tickets';
import { meterCapacity } from './capacity';

/**
 * The read units of one page of a ticket list as the agent's GET /v1/tickets reads it (the index
 * Queries and the page's BatchGetItem), on a client that asks DynamoDB for consumed capacity.
 */
export async function listPageReadUnits(contract: RuntimeContract, query: Record<string, unknown>): Promise<number> {
  const clients = createDynamoClients({ endpoint: contract.dynamodbEndpoint });
  const images = createDynamoClients({ endpoint: contract.dynamodbEndpoint });
  const meter = meterCapacity(clients.client, images.client);
  const deps: Deps = { store: createStore(clients.document, contract.tableName), now: () => new Date(), newId: () => 'unused' };
  const agent = contract.users.agent;
  const caller: Caller = { orgId: contract.orgId, userId: agent.id, email: agent.email, role: agent.role as Caller['role'], name: 'agent' };
  try {
    await listTickets(deps, caller, ListTicketsQuery.parse(query));
    return meter.read;
  } finally {
    clients.client.destroy();
    images.client.destroy();
  }
}
