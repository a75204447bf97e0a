import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type JWK, importJWK } from 'jose';
import { inject } from 'vitest';
import { signToken } from '../../bin/local/local-tokens';
import { createDynamoClients } from '../../functions/adapters/dynamodb-clients';
import { type Deps, createStore } from '../../functions/domain/store/store';
import { saveUser } from '../../functions/domain/users/manage-users';
import type { Role } from '../../schemas/users';

const ROLES = { admin: 'admin', supervisor: 'supervisor', agent: 'agent', agent2: 'agent', customer: 'customer' } as const;
export type FreshRole = keyof typeof ROLES;

/**
 * An organization of its own in the shared e2e runtime, for tests whose assertions cover a
 * whole organization (statistics): created in the runtime's table as the seed does, with tokens
 * signed by the runtime's own key. Other files' tickets never land in it.
 */
export async function freshOrg(prefix = 'org_e2e') {
  const runtime = inject('runtime');
  const orgId = `${prefix}_${randomUUID().slice(0, 8)}`;
  const clients = createDynamoClients({ endpoint: runtime.dynamodbEndpoint });
  const deps: Deps = { store: createStore(clients.document, runtime.tableName), now: () => new Date(), newId: () => randomUUID() };
  const jwk = JSON.parse(readFileSync(path.join(runtime.dataDir, 'jwt-key.json'), 'utf8')) as JWK;
  const key = (await importJWK(jwk, 'ES256')) as Parameters<typeof signToken>[0];
  const users = {} as Record<FreshRole, { id: string; email: string; name: string; token: string }>;
  for (const [name, role] of Object.entries(ROLES) as [FreshRole, Role][]) {
    const id = `${orgId}-${name}`;
    const email = `${name}@${orgId.replace(/_/g, '-')}.example.com`;
    const display = `${name[0]!.toUpperCase()}${name.slice(1)} ${orgId.slice(-4)}`;
    await saveUser(deps, orgId, id, { email, name: display, role, active: true });
    users[name] = { id, email, name: display, token: await signToken(key, { sub: id, email, name: display, role, orgId }, '1d') };
  }
  await deps.store.entities.organization.create({ orgId, name: `E2E ${orgId}`, settings: {}, createdAt: new Date().toISOString() }).go();
  return { orgId, users, store: deps.store, close: () => clients.client.destroy() };
}
