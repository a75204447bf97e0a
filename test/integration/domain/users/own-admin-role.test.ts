import { beforeAll, describe, expect, it } from 'vitest';
import { RuleViolationError } from '../../../../functions/domain/errors';
import type { Deps } from '../../../../functions/domain/store/store';
import { upsertUser } from '../../../../functions/domain/users/manage-users';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  ({ deps } = await integrationDeps());
  org = await seedOrg(deps);
});

const stored = async (userId: string) => (await deps.store.entities.user.get({ orgId: org.orgId, userId }).go({ consistent: true })).data;

describe('an admin keeps their own admin role (DynamoDB Local)', () => {
  it('refuses to demote or deactivate themselves, and the stored entry stays as it was', async () => {
    const before = await stored(org.admin.userId);
    const self = { email: org.admin.email, name: 'admin' };
    await expect(upsertUser(deps, org.admin, org.admin.userId, { ...self, role: 'agent', active: true })).rejects.toThrow(RuleViolationError);
    await expect(upsertUser(deps, org.admin, org.admin.userId, { ...self, role: 'customer', active: true })).rejects.toThrow(/own admin role/);
    await expect(upsertUser(deps, org.admin, org.admin.userId, { ...self, role: 'admin', active: false })).rejects.toThrow(/deactivate themselves/);
    expect(await stored(org.admin.userId)).toEqual(before);
  });

  it('still lets an admin rename themselves, and demote another admin', async () => {
    await upsertUser(deps, org.admin, org.admin.userId, { email: org.admin.email, name: 'Ada', role: 'admin', active: true });
    expect((await stored(org.admin.userId))?.name).toBe('Ada');
    const other = `${org.orgId}-admin2`;
    await upsertUser(deps, org.admin, other, { email: 'admin2@example.com', name: 'Bo', role: 'admin', active: true });
    await upsertUser(deps, org.admin, other, { email: 'admin2@example.com', name: 'Bo', role: 'agent', active: true });
    expect((await stored(other))?.role).toBe('agent');
  });
});
