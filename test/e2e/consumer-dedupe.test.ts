import { type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';
import { freshOrg } from '../support/fresh-org';
import { api, patchTicketAtCurrentVersion } from '../support/http-client';

/*
 * Consumers whose rules say `dedupe: 'by-construction'` keep no idempotency record: a
 * redelivered event runs them again, and their own writes must make that harmless. The other
 * by-construction consumers are proven where their features are tested (the rules' comments
 * name the tests); these are the SLA planner's, the new-ticket assistant's, category usage's and
 * the webhook fan-out's. An organization
 * of its own, so its schedules and events are only this file's.
 */
let org: Awaited<ReturnType<typeof freshOrg>>;
let agent: ReturnType<typeof api>;
let admin: ReturnType<typeof api>;

beforeAll(async () => {
  org = await freshOrg('org_dedupe');
  agent = api(org.users.agent.token);
  admin = api(org.users.admin.token);
});
afterAll(() => org?.close());

type DevEvent = { detail: { id: string; type: string } };
const eventsOf = async (ticketId: string) => (await agent.get(`/v1/dev/events?ticketId=${ticketId}`)).body.items as DevEvent[];
const schedulesOf = async (ticketId: string) => {
  const { body } = await agent.get(`/v1/dev/schedules?ticketId=${ticketId}`);
  return (body.pending as { name: string }[]).map((s) => s.name).sort();
};
const stored = async (ticketId: string) => (await org.store.entities.ticket.get({ orgId: org.orgId, ticketId }).go({ consistent: true })).data!;
const timersOf = async (ticketId: string) => (await org.store.entities.ticketTimers.get({ orgId: org.orgId, ticketId }).go({ consistent: true })).data;

describe('consumers that dedupe by construction have one effect per event, delivered once or twice', () => {
  it('the SLA planner keeps the same schedules, and the assistant stores its suggestion without a new version', async () => {
    const requester = { name: 'Dee Dupe', email: org.users.customer.email };
    const created = (await agent.post('/v1/tickets', { subject: 'Printer on fire', description: 'It smokes', priority: 'high', requester })).body;
    // Every consumer has taken the creation (the log records an event once all its targets did),
    // the planner has laid out the first-response and resolution timers, the assistant has spoken.
    const [createdEvent] = await eventually(async () => {
      const found = (await eventsOf(created.id)).filter((e) => e.detail.type === 'ticket.created');
      expect(found).toHaveLength(1);
      expect((await schedulesOf(created.id)).length).toBeGreaterThan(0);
      expect((await stored(created.id)).assist).toBeDefined();
      return found;
    });
    // A status change too: its plan drops the timers a waiting ticket no longer has.
    await patchTicketAtCurrentVersion(agent, created.id, { status: 'waiting_on_customer' });
    const changed = await eventually(async () => {
      const found = (await eventsOf(created.id)).filter((e) => e.detail.type === 'ticket.status.changed');
      expect(found).toHaveLength(1);
      return found[0]!;
    });

    const before = { schedules: await schedulesOf(created.id), timers: await timersOf(created.id), ticket: await stored(created.id), events: (await eventsOf(created.id)).length };
    for (const event of [createdEvent!, changed, createdEvent!, changed]) {
      expect((await admin.post(`/v1/dev/events/${event.detail.id}/redeliver`)).status).toBe(202);
    }
    // Redelivery runs the rule targets before it answers.
    const after = { schedules: await schedulesOf(created.id), timers: await timersOf(created.id), ticket: await stored(created.id), events: (await eventsOf(created.id)).length };
    expect(after.schedules).toEqual(before.schedules); // the same pending set
    expect(after.timers).toMatchObject({ basedOnVersion: before.timers!.basedOnVersion, timers: before.timers!.timers });
    expect(after.ticket.version).toBe(before.ticket.version); // nothing applied twice
    const suggestion = ({ at: _at, ...rest }: Record<string, unknown>) => rest;
    expect(suggestion(after.ticket.assist as Record<string, unknown>)).toEqual(suggestion(before.ticket.assist as Record<string, unknown>));
    expect(after.events).toBe(before.events); // no event written by a second run
  }, 3 * EVENT_WAIT_MS);

  it('category usage follows a change of category through its filter, and counts a redelivered change once', async () => {
    const [from, to] = await Promise.all(['Billing', 'Hardware'].map(async (name) => (await admin.post('/v1/categories', { name })).body.id as string));
    const count = async (id: string) => (await admin.get(`/v1/categories/${id}`)).body.ticketCount as number;
    const requester = { name: 'Dee Dupe', email: org.users.customer.email };
    const created = (await agent.post('/v1/tickets', { subject: 'Invoice', description: 'Wrong amount', priority: 'low', category: from, requester })).body;
    await eventually(async () => expect(await count(from)).toBe(1));
    await patchTicketAtCurrentVersion(agent, created.id, { category: to });
    await eventually(async () => expect([await count(from), await count(to)]).toEqual([0, 1]));
    // The log records an event once all its targets took it, which may be after the count moved.
    const updated = await eventually(async () => {
      const found = (await eventsOf(created.id)).filter((e) => e.detail.type === 'ticket.updated');
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    for (const event of [...updated, ...updated]) expect((await admin.post(`/v1/dev/events/${event.detail.id}/redeliver`)).status).toBe(202);
    expect([await count(from), await count(to)]).toEqual([0, 1]);
  }, 3 * EVENT_WAIT_MS);

  it('the webhook fan-out plans a redelivered event once: one POST, even when the copy would share a dispatcher batch', async () => {
    // A receiver that holds the POST of a blocker ticket unanswered and answers the others. Held,
    // it keeps the local dispatcher in its batch, so the next ticket's message waits in the queue
    // unattempted: a copy of it sent meanwhile would land in the same next batch. (A fan-out that
    // re-sent it, with no record, made 3 POSTs here; the dispatcher now also drops a copy that
    // shares a batch, and the integration tests hold the fan-out to one job on its own.)
    const received: { ticketId: string; type: string; id: string }[] = [];
    const held: ServerResponse[] = [];
    let holdTicket = '';
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const json = JSON.parse(body) as { type: string; data: { ticketId: string } };
        received.push({ ticketId: json.data.ticketId, type: json.type, id: String(req.headers['webhook-id']) });
        if (json.data.ticketId === holdTicket) held.push(res);
        else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const postsFor = (ticketId: string) => received.filter((r) => r.ticketId === ticketId);
    const requester = { name: 'Dee Dupe', email: org.users.customer.email };
    const newTicket = async (subject: string) => (await agent.post('/v1/tickets', { subject, description: 'd', priority: 'low', requester })).body as { id: string };
    try {
      const hook = await admin.post('/v1/webhooks', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, events: ['ticket.created'] });
      expect(hook.status).toBe(201);
      const blocker = await newTicket('Blocker');
      holdTicket = blocker.id;
      await eventually(async () => expect(postsFor(blocker.id)).toHaveLength(1));

      const target = await newTicket('Webhook twice?');
      const [createdEvent] = await eventually(async () => {
        const found = (await eventsOf(target.id)).filter((e) => e.detail.type === 'ticket.created');
        expect(found).toHaveLength(1); // logged once all its rules' targets, the fan-out too, took it
        return found;
      });
      for (let i = 0; i < 2; i++) expect((await admin.post(`/v1/dev/events/${createdEvent!.detail.id}/redeliver`)).status).toBe(202);
      for (const res of held.splice(0)) if (!res.destroyed) res.writeHead(204).end();

      await eventually(async () => expect(postsFor(target.id)).toHaveLength(1));
      // A marker's POST travels the same stream, outbox and queue: anything the redeliveries
      // had sent would have been tried before it.
      const marker = await newTicket('Marker');
      await eventually(async () => expect(postsFor(marker.id)).toHaveLength(1));
      const deliveries = (await admin.get(`/v1/webhooks/${hook.body.id}/deliveries?limit=100`)).body.items as { id: string; ticketId: string; status: string; attemptCount: number }[];
      const mine = deliveries.filter((d) => d.ticketId === target.id);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ status: 'succeeded', attemptCount: 1 });
      expect(postsFor(target.id)).toEqual([{ ticketId: target.id, type: 'ticket.created', id: `msg_${mine[0]!.id}` }]);
    } finally {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 3 * EVENT_WAIT_MS);
});
