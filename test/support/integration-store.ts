import { randomUUID } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import { inject } from 'vitest';
import { ensureTable } from '../../bin/local/ensure-table';
import type { Caller } from '../../functions/domain/caller';
import { createDynamoClients } from '../../functions/adapters/dynamodb-clients';
import { type Deps, createStore } from '../../functions/domain/store/store';
import { saveUser } from '../../functions/domain/users/manage-users';
import type { Role } from '../../schemas/users';

/** A fresh table on the suite's DynamoDB Local, built from the shared definition. */
export async function integrationDeps(now: () => Date = () => new Date()) {
  const clients = createDynamoClients({ endpoint: inject('dynamodbEndpoint') });
  const table = `it-${randomUUID().slice(0, 8)}`;
  await ensureTable(clients.client, table);
  const ulid = monotonicFactory();
  const deps: Deps = { store: createStore(clients.document, table), now, newId: () => ulid() };
  return { deps, clients, table };
}

/** A new organization with one user per role; returns their callers. */
export async function seedOrg(deps: Deps) {
  const orgId = `org_${randomUUID().slice(0, 8)}`;
  const make = async (key: string, role: Role): Promise<Caller> => {
    const caller = { orgId, userId: `${orgId}-${key}`, email: `${key}@${orgId.replace(/_/g, "-")}.example.com`, name: key, role };
    await saveUser(deps, orgId, caller.userId, { email: caller.email, name: caller.name, role, active: true });
    return caller;
  };
  return {
    orgId,
    admin: await make('admin', 'admin'),
    supervisor: await make('supervisor', 'supervisor'),
    agent: await make('agent', 'agent'),
    agent2: await make('agent2', 'agent'),
    customer: await make('customer', 'customer'),
  };
}
