import { beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../../../functions/domain/store/store';
import { EmailTakenError } from '../../../../functions/domain/users/errors';
import { saveUser, upsertUser } from '../../../../functions/domain/users/manage-users';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  ({ deps } = await integrationDeps());
  org = await seedOrg(deps);
});

const entry = async (userId: string) => (await deps.store.entities.user.get({ orgId: org.orgId, userId }).go({ consistent: true })).data;
const holderOf = async (email: string) => (await deps.store.entities.userEmail.get({ orgId: org.orgId, email }).go({ consistent: true })).data?.userId;
const person = (email: string, name = 'Person') => ({ email, name, role: 'agent' as const, active: true });

describe('one email per directory entry (DynamoDB Local)', () => {
  it('refuses a second entry with an address another holds, in any case, and stores nothing of it', async () => {
    const ann = `${org.orgId}-ann`;
    await upsertUser(deps, org.admin, ann, person('ann@example.com', 'Ann'));
    const taken = upsertUser(deps, org.admin, `${org.orgId}-bob`, person('ANN@Example.com', 'Bob'));
    await expect(taken).rejects.toThrow(EmailTakenError);
    await expect(taken).rejects.toMatchObject({ extensions: { errors: [{ pointer: '#/email', detail: 'taken' }] } });
    expect(await entry(`${org.orgId}-bob`)).toBeNull();
    expect(await holderOf('ann@example.com')).toBe(ann);
  });

  it('frees the old address when an entry changes its own, and keeps the entry\'s other facts', async () => {
    const cy = `${org.orgId}-cy`;
    await upsertUser(deps, org.admin, cy, { ...person('cy@example.com', 'Cy'), skills: ['billing'] });
    await upsertUser(deps, org.admin, cy, person('cy.new@example.com', 'Cy'));
    expect(await holderOf('cy@example.com')).toBeUndefined();
    expect(await holderOf('cy.new@example.com')).toBe(cy);
    expect(await entry(cy)).toMatchObject({ email: 'cy.new@example.com', skills: ['billing'] });
    await upsertUser(deps, org.admin, `${org.orgId}-dee`, person('cy@example.com', 'Dee'));
    expect(await holderOf('cy@example.com')).toBe(`${org.orgId}-dee`);
  });

  it('lets the same entry save its own address again without rewriting the holder', async () => {
    const eve = `${org.orgId}-eve`;
    await saveUser(deps, org.orgId, eve, person('eve@example.com', 'Eve'));
    const before = await deps.store.entities.userEmail.get({ orgId: org.orgId, email: 'eve@example.com' }).go({ consistent: true });
    await saveUser(deps, org.orgId, eve, person('Eve@example.com', 'Eve Renamed'));
    expect((await entry(eve))?.name).toBe('Eve Renamed');
    expect((await deps.store.entities.userEmail.get({ orgId: org.orgId, email: 'eve@example.com' }).go({ consistent: true })).data).toEqual(before.data);
  });

  it('lets exactly one of two entries racing for one address have it', async () => {
    const racers = Array.from({ length: 6 }, (_, i) => `${org.orgId}-racer${i}`);
    const results = await Promise.allSettled(racers.map((id) => saveUser(deps, org.orgId, id, person('race@example.com'))));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [racers[i]] : []));
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(EmailTakenError);
    expect(await holderOf('race@example.com')).toBe(won[0]);
    const stored = await Promise.all(racers.map(entry));
    expect(stored.filter(Boolean).map((u) => u!.userId)).toEqual(won);
  });

  it('gives an entry stored before holder items existed its holder on its next save', async () => {
    const old = `${org.orgId}-old`;
    const now = new Date().toISOString();
    await deps.store.entities.user.put({ orgId: org.orgId, userId: old, email: 'old@example.com', name: 'Old', role: 'agent', active: true, createdAt: now, updatedAt: now }).go();
    expect(await holderOf('old@example.com')).toBeUndefined();
    await saveUser(deps, org.orgId, old, person('old@example.com', 'Old'));
    expect(await holderOf('old@example.com')).toBe(old);
    await expect(saveUser(deps, org.orgId, `${org.orgId}-new`, person('old@example.com'))).rejects.toThrow(EmailTakenError);
  });
});
