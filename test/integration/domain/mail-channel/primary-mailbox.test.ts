import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { forgetMailboxes, senderMailboxFor } from '../../../../functions/domain/mail-channel/mailboxes';
import {
  deleteOrgMailbox, listOrgMailboxes, PrimaryMailboxRequiredError, putOrgMailbox,
} from '../../../../functions/domain/mail-channel/manage-mailboxes';
import { ForbiddenError } from '../../../../functions/domain/errors';
import { sendWeeklySummary } from '../../../../functions/domain/analytics/weekly-summary';
import type { OutgoingMail } from '../../../../functions/domain/ports/mail-sender';
import { createOrganization, updateSettings } from '../../../../functions/domain/settings/org-settings';
import type { Deps } from '../../../../functions/domain/store/store';
import { PutMailboxBody } from '../../../../schemas/email';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

let deps: Deps;
beforeAll(async () => {
  ({ deps } = await integrationDeps());
});

const body = (extra: Record<string, unknown> = {}) => PutMailboxBody.parse(extra);
const domainOf = (orgId: string) => `${orgId.replace(/_/g, '-').toLowerCase()}.example.com`;
const primariesOf = async (org: Awaited<ReturnType<typeof seedOrg>>) =>
  (await listOrgMailboxes(deps, org.admin)).filter((m) => m.primary).map((m) => m.address);
const pointerOf = async (orgId: string) => (await deps.store.entities.primaryMailbox.get({ orgId }).go({ consistent: true })).data?.address;

describe('primary mailbox (DynamoDB Local)', () => {
  it('makes the first mailbox primary and keeps it when an address that sorts first is added', async () => {
    const org = await seedOrg(deps);
    const d = domainOf(org.orgId);
    expect(await senderMailboxFor(deps, org.orgId)).toBeUndefined();
    const first = await putOrgMailbox(deps, org.admin, `support@${d}`, body());
    expect(first.primary).toBe(true);
    const second = await putOrgMailbox(deps, org.admin, `aaa-billing@${d}`, body());
    expect(second.primary).toBe(false);
    expect(await primariesOf(org)).toEqual([`support@${d}`]);
    expect((await senderMailboxFor(deps, org.orgId))?.address).toBe(`support@${d}`);
    // A ticket with a mail thread keeps its thread's mailbox.
    expect((await senderMailboxFor(deps, org.orgId, `aaa-billing@${d}`))?.address).toBe(`aaa-billing@${d}`);
    // A thread mailbox that is no longer ours falls back to the primary.
    expect((await senderMailboxFor(deps, org.orgId, `gone@${d}`))?.address).toBe(`support@${d}`);
  });

  it('moves the primary in the same write and keeps the other fields', async () => {
    const org = await seedOrg(deps);
    const d = domainOf(org.orgId);
    await putOrgMailbox(deps, org.admin, `support@${d}`, body({ displayName: 'Support' }));
    await putOrgMailbox(deps, org.admin, `billing@${d}`, body({ displayName: 'Billing' }));
    const moved = await putOrgMailbox(deps, org.admin, `billing@${d}`, body({ displayName: 'Billing', primary: true }));
    expect(moved.primary).toBe(true);
    expect(await primariesOf(org)).toEqual([`billing@${d}`]);
    expect(await pointerOf(org.orgId)).toBe(`billing@${d}`);
    expect((await senderMailboxFor(deps, org.orgId))?.displayName).toBe('Billing');
    // A replace keeps the creation time it had.
    const before = (await listOrgMailboxes(deps, org.admin)).find((m) => m.address === `support@${d}`)!.createdAt;
    await putOrgMailbox(deps, org.admin, `support@${d}`, body({ displayName: 'Support 2' }));
    expect((await listOrgMailboxes(deps, org.admin)).find((m) => m.address === `support@${d}`)!.createdAt).toBe(before);
  });

  it('refuses to un-flag or delete the primary while others exist, and deletes the last one with its pointer', async () => {
    const org = await seedOrg(deps);
    const d = domainOf(org.orgId);
    await putOrgMailbox(deps, org.admin, `support@${d}`, body());
    await putOrgMailbox(deps, org.admin, `billing@${d}`, body());
    await expect(putOrgMailbox(deps, org.admin, `support@${d}`, body({ primary: false }))).rejects.toBeInstanceOf(PrimaryMailboxRequiredError);
    await expect(deleteOrgMailbox(deps, org.admin, `support@${d}`)).rejects.toBeInstanceOf(PrimaryMailboxRequiredError);
    expect(await primariesOf(org)).toEqual([`support@${d}`]);
    await deleteOrgMailbox(deps, org.admin, `billing@${d}`);
    await deleteOrgMailbox(deps, org.admin, `support@${d}`);
    expect(await listOrgMailboxes(deps, org.admin)).toEqual([]);
    expect(await pointerOf(org.orgId)).toBeUndefined();
    // The next mailbox is the org's first again: primary.
    expect((await putOrgMailbox(deps, org.admin, `new@${d}`, body())).primary).toBe(true);
  });

  it('lets only admins manage mailboxes', async () => {
    const org = await seedOrg(deps);
    await expect(putOrgMailbox(deps, org.agent, `x@${domainOf(org.orgId)}`, body({ primary: true }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteOrgMailbox(deps, org.agent, `x@${domainOf(org.orgId)}`)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('ends with exactly one primary when admins make different mailboxes primary at once', async () => {
    const org = await seedOrg(deps);
    const d = domainOf(org.orgId);
    const addresses = ['a', 'b', 'c', 'd', 'e'].map((x) => `${x}@${d}`);
    for (const a of addresses) await putOrgMailbox(deps, org.admin, a, body());
    const results = await Promise.allSettled(addresses.slice(1).map((a) => putOrgMailbox(deps, org.admin, a, body({ primary: true }))));
    // Each write either won its round or re-read and moved the pointer again; none is lost silently.
    for (const r of results) if (r.status === 'rejected') expect((r.reason as Error).name).toBe('MailboxConflictError');
    const primaries = await primariesOf(org);
    expect(primaries).toHaveLength(1);
    expect(addresses.slice(1)).toContain(primaries[0]);
    expect(await pointerOf(org.orgId)).toBe(primaries[0]);
  });

  it('gives a new org exactly one primary when its first mailboxes are created at once', async () => {
    const org = await seedOrg(deps);
    const d = domainOf(org.orgId);
    await Promise.all(['x', 'y', 'z'].map((x) => putOrgMailbox(deps, org.admin, `${x}@${d}`, body())));
    expect(await primariesOf(org)).toHaveLength(1);
    expect(await pointerOf(org.orgId)).toBe((await primariesOf(org))[0]);
  });

  it('falls back to the oldest-created mailbox for mailboxes made before primaries, not the first by address', async () => {
    const org = await seedOrg(deps);
    const d = domainOf(org.orgId);
    // Legacy items: no pointer; the older one has no creation time at all, as before this change.
    await deps.store.entities.mailbox.put({ address: `zz-support@${d}`, orgId: org.orgId, kind: 'mailbox' }).go();
    await deps.store.entities.mailbox.put({ address: `aa-billing@${d}`, orgId: org.orgId, kind: 'mailbox', createdAt: new Date().toISOString() }).go();
    forgetMailboxes(org.orgId);
    expect((await senderMailboxFor(deps, org.orgId))?.address).toBe(`zz-support@${d}`);
    expect(await primariesOf(org)).toEqual([`zz-support@${d}`]);
    // The next admin write pins the pointer on that fallback, not on the mailbox written.
    await putOrgMailbox(deps, org.admin, `ab-sales-${randomUUID().slice(0, 4)}@${d}`, body());
    expect(await pointerOf(org.orgId)).toBe(`zz-support@${d}`);
  });

  it('sends the weekly summary from the primary, not the mailbox first by address', async () => {
    const org = await seedOrg(deps);
    const d = domainOf(org.orgId);
    await createOrganization(deps, { orgId: org.orgId, name: 'Acme' });
    await updateSettings(deps, org.admin, { weeklySummary: { enabled: true } });
    await putOrgMailbox(deps, org.admin, `zz-support@${d}`, body({ displayName: 'Acme Support' }));
    await putOrgMailbox(deps, org.admin, `aa-billing@${d}`, body({ displayName: 'Acme Billing' }));
    const sent: OutgoingMail[] = [];
    const mail = { send: async (m: OutgoingMail) => (sent.push(m), { providerId: 'x' }) };
    await sendWeeklySummary(deps, mail, { kind: 'weekly-summary', orgId: org.orgId, scheduledAt: '2026-03-09T07:00:00.000Z' });
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent.map((m) => m.from))).toEqual(new Set([`zz-support@${d}`]));
    expect((await simpleParser(sent[0]!.raw)).from?.value[0]).toMatchObject({ address: `zz-support@${d}`, name: 'Acme Support' });
  });
});
