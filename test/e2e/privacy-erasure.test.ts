import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { freshOrg } from '../support/fresh-org';
import { api } from '../support/http-client';

/*
 * Erasure through its real entry points, in an organization of its own: a requester whose
 * ticket went out to a webhook is erased, and afterwards neither the product's queries nor a
 * replay of the stored webhook delivery reveal their address, name or phone.
 */
const SLOW = 120_000;
let org: Awaited<ReturnType<typeof freshOrg>>;
let admin: ReturnType<typeof api>;
let agent: ReturnType<typeof api>;
let server: Server;
let hookUrl: string;
const received: string[] = [];

beforeAll(async () => {
  org = await freshOrg('org_erase');
  admin = api(org.users.admin.token);
  agent = api(org.users.agent.token);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(body);
      res.writeHead(200).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  org?.close();
});

describe('erasing a requester (webhooks and queries)', () => {
  it('leaves their address in no query answer and no replayed webhook payload', async () => {
    const email = 'Paula.Private@example.org';
    const requester = { email, name: 'Paula Private', phone: '+4917099887766' };
    const hook = await admin.post('/v1/webhooks', { url: hookUrl, events: ['ticket.created'], description: 'erasure e2e' });
    expect(hook.status).toBe(201);
    const ticket = (await agent.post('/v1/tickets', { subject: 'Refund', description: 'Paula asks for a refund', priority: 'low', requester })).body;
    // The delivery went out with her data in it.
    const [delivery] = await eventually(async () => {
      const items = (await admin.get(`/v1/webhooks/${hook.body.id}/deliveries?limit=100`)).body.items as { id: string; ticketId: string; status: string }[];
      const ours = items.filter((d) => d.ticketId === ticket.id && d.status === 'succeeded');
      expect(ours).toHaveLength(1);
      return ours;
    }, SLOW);
    expect(received.filter((body) => body.toLowerCase().includes(email.toLowerCase()))).toHaveLength(1);

    const erased = await admin.post('/v1/privacy/erasures', { email });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ tickets: 1, webhookDeliveries: 1 });

    // The product's queries: by requester, the ticket, its thread and activities.
    expect((await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(email)}`)).body.items).toEqual([]);
    expect((await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(email.toLowerCase())}`)).body.items).toEqual([]);
    const answers = JSON.stringify([
      (await agent.get(`/v1/tickets/${ticket.id}`)).body,
      (await agent.get(`/v1/tickets/${ticket.id}/messages?limit=100`)).body,
      (await admin.get(`/v1/webhooks/${hook.body.id}/deliveries?limit=100`)).body,
    ]).toLowerCase();
    for (const trace of [email.toLowerCase(), 'paula private', '+4917099887766']) expect(answers).not.toContain(trace);

    // A replay of the stored delivery sends the scrubbed payload.
    const before = received.length;
    expect((await admin.post(`/v1/webhooks/${hook.body.id}/deliveries/${delivery!.id}/replay`)).status).toBe(202);
    const replayed = await eventually(async () => {
      expect(received.length).toBeGreaterThan(before);
      return received.at(-1)!;
    }, SLOW);
    expect(JSON.parse(replayed).data.ticketId).toBe(ticket.id);
    for (const trace of [email.toLowerCase(), 'paula private', '+4917099887766']) expect(replayed.toLowerCase()).not.toContain(trace);
    expect(JSON.parse(replayed).data.ticket.requesterEmail).toMatch(/@erased\.invalid$/);
  }, 3 * SLOW);
});
