import { randomUUID } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { freshOrg } from '../support/fresh-org';
import { api, newTicket } from '../support/http-client';

/*
 * The primary mailbox through its real entry points: PUT/GET/DELETE /v1/mailboxes, tickets made
 * over the API, and their mail read back from the local outbox. The organization is its own, so
 * moving its primary changes no other file's mail.
 */
const SLOW = 120_000;
let org: Awaited<ReturnType<typeof freshOrg>>;
let as: Record<'admin' | 'agent' | 'customer', ReturnType<typeof api>>;
const tag = randomUUID().slice(0, 8);
const support = `support-${tag}@primary.helpdesk.local`;
// Sorts before `support-…`: under the old rule (first mailbox by address) it took over every API ticket's mail.
const billing = `aaa-billing-${tag}@primary.helpdesk.local`;

beforeAll(async () => {
  org = await freshOrg('org_primary');
  as = { admin: api(org.users.admin.token), agent: api(org.users.agent.token), customer: api(org.users.customer.token) };
});
afterAll(() => org?.close());

type MailboxView = { address: string; primary: boolean; displayName: string | null };
const mailboxes = async () => (await as.admin.get('/v1/mailboxes')).body.items as MailboxView[];
const primaries = async () => (await mailboxes()).filter((m) => m.primary).map((m) => m.address);

/** The mail to `to` whose subject carries the ticket number and `kind`. */
async function mailOf(to: string, number: string, kind: string): Promise<ParsedMail> {
  return eventually(async () => {
    const items = (await as.agent.get(`/v1/dev/outbox?to=${encodeURIComponent(to)}`)).body.items as { raw: string }[];
    const parsed = await Promise.all(items.filter((i) => i.raw.includes(number)).map((i) => simpleParser(i.raw)));
    const found = parsed.filter((m) => (m.subject ?? '').includes(number) && (m.subject ?? '').includes(kind));
    expect(found.length).toBeGreaterThanOrEqual(1);
    return found[0]!;
  }, SLOW, 500);
}
const fromOf = (mail: ParsedMail) => mail.from?.value[0];

async function customerTicket(subject: string) {
  const created = await as.customer.post('/v1/tickets', newTicket({ requester: undefined, subject }));
  expect(created.status).toBe(201);
  return created.body as { id: string; number: string; requester: { email: string } };
}

describe('primary mailbox', () => {
  it('makes the first mailbox primary and keeps sending from it after an address that sorts first is added', async () => {
    const first = await as.admin.put(`/v1/mailboxes/${support}`, { displayName: 'Primary Support' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ address: support, primary: true });
    const second = await as.admin.put(`/v1/mailboxes/${billing}`, { displayName: 'Billing Desk' });
    expect(second.body).toMatchObject({ address: billing, primary: false });
    expect((await mailboxes()).map((m) => m.address)).toEqual([billing, support]);
    expect(await primaries()).toEqual([support]);

    const ticket = await customerTicket(`Primary sender ${tag}`);
    const confirmation = await mailOf(ticket.requester.email, ticket.number, 'We received your request');
    expect(fromOf(confirmation)).toEqual({ address: support, name: 'Primary Support' });
  });

  it('switches new tickets\' mail to the new primary; a ticket with mail keeps its thread\'s mailbox', async () => {
    const earlier = await customerTicket(`Before the switch ${tag}`);
    await mailOf(earlier.requester.email, earlier.number, 'We received your request');

    const moved = await as.admin.put(`/v1/mailboxes/${billing}`, { displayName: 'Billing Desk', primary: true });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ address: billing, primary: true, displayName: 'Billing Desk' });
    expect(await primaries()).toEqual([billing]);

    const later = await customerTicket(`After the switch ${tag}`);
    const confirmation = await mailOf(later.requester.email, later.number, 'We received your request');
    expect(fromOf(confirmation)).toEqual({ address: billing, name: 'Billing Desk' });

    // The earlier ticket's conversation went out from support: its reply stays there, so the customer's thread does not jump.
    expect((await as.agent.post(`/v1/tickets/${earlier.id}/messages`, { body: 'Looking into it.' })).status).toBe(201);
    const reply = await mailOf(earlier.requester.email, earlier.number, 'Re:');
    expect(fromOf(reply)?.address).toBe(support);
  });

  it('answers a bad body with a 400 problem and changes nothing', async () => {
    const before = await mailboxes();
    const bad = await as.admin.put(`/v1/mailboxes/${support}`, { displayName: 'Renamed', primary: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: '#/primary' })]));
    expect(await mailboxes()).toEqual(before);
  });

  it('refuses to un-flag or delete the primary while other mailboxes exist (409), and deletes the others', async () => {
    const unflag = await as.admin.put(`/v1/mailboxes/${billing}`, { displayName: 'Billing Desk', primary: false });
    expect(unflag.status).toBe(409);
    expect(unflag.headers.get('content-type')).toBe('application/problem+json');
    expect(unflag.body).toMatchObject({ status: 409, primary: billing });
    expect(unflag.body.type).toMatch(/primary-mailbox-required$/);

    const spare = `spare-${tag}@primary.helpdesk.local`;
    expect((await as.admin.put(`/v1/mailboxes/${spare}`, {})).body.primary).toBe(false);
    const refused = await as.admin.delete(`/v1/mailboxes/${billing}`);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/primary-mailbox-required$/);
    expect(await primaries()).toEqual([billing]);

    expect((await as.admin.delete(`/v1/mailboxes/${spare}`)).status).toBe(204);
    expect((await mailboxes()).map((m) => m.address)).toEqual([billing, support]);
    expect((await as.admin.delete(`/v1/mailboxes/${spare}`)).status).toBe(404);
    expect((await as.agent.delete(`/v1/mailboxes/${support}`)).status).toBe(403);
    expect(await primaries()).toEqual([billing]);
  });

  it('ends with exactly one primary when two admins make different mailboxes primary at the same moment', async () => {
    const [x, y] = ['x', 'y'].map((n) => `race-${n}-${tag}@primary.helpdesk.local`);
    for (const a of [x, y]) expect((await as.admin.put(`/v1/mailboxes/${a}`, {})).status).toBe(200);
    const answers = await Promise.all([x, y].map((a) => as.admin.put(`/v1/mailboxes/${a}`, { primary: true })));
    // Both writes move the pointer in turn (the loser re-reads); a 409 would say so, never a second primary.
    for (const r of answers) expect([200, 409]).toContain(r.status);
    const now = await primaries();
    expect(now).toHaveLength(1);
    expect([x, y]).toContain(now[0]);
  });
});
