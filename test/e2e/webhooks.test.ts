import { type IncomingHttpHeaders, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';
import { api, newTicket } from '../support/http-client';

const runtime = inject('runtime');
const admin = api(runtime.tokens.admin);
const agent = api(runtime.tokens.agent);
const otherAdmin = api(runtime.otherOrg.tokens.admin);
const del = async (path: string, token: string) => (await fetch(`${runtime.httpUrl}${path}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; timestamp: string; data: { ticketId: string; type: string; internal: boolean } };
}

/** A webhook receiver on 127.0.0.1: `answer` decides each response (undefined = hang). */
async function receiver(answer: (r: Received) => number | undefined) {
  const received: Received[] = [];
  const open: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const entry = { headers: req.headers, body, json: JSON.parse(body) };
      received.push(entry);
      const status = answer(entry);
      if (status === undefined) open.push(res);
      else res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 400 ? 'not today' : 'thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url, received, open,
    forTicket: (ticketId: string, type?: string) => received.filter((r) => r.json.data.ticketId === ticketId && (!type || r.json.type === type)),
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
type Receiver = Awaited<ReturnType<typeof receiver>>;

const register = async (url: string, events: string[]) => {
  const res = await admin.post('/v1/webhooks', { url, events, description: 'e2e' });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string };
};
const deliveries = async (webhookId: string) => (await admin.get(`/v1/webhooks/${webhookId}/deliveries?limit=100`)).body.items as {
  id: string; ticketId: string; eventType: string; status: string; attemptCount: number;
  attempts: { attempt: number; ok: boolean; statusCode: number | null; error: string | null; latencyMs: number; responseExcerpt: string | null }[];
}[];

describe('outbound webhooks in the local runtime', { timeout: 4 * EVENT_WAIT_MS }, () => {
  let healthy: Receiver;
  let failing: Receiver;
  let hanging: Receiver;
  let failNow = true;
  const created: string[] = [];
  beforeAll(async () => {
    healthy = await receiver(() => 200);
    failing = await receiver(() => (failNow ? 500 : 204));
    hanging = await receiver(() => undefined);
  });
  afterAll(async () => {
    for (const id of created) await del(`/v1/webhooks/${id}`, runtime.tokens.admin);
    await Promise.all([healthy, failing, hanging].map((r) => r.close()));
  });

  it('registers an endpoint, shows its secret once, and delivers signed events of its own tickets only', async () => {
    const hook = await register(healthy.url, ['ticket.created', 'ticket.status.changed']);
    created.push(hook.id);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/);
    const view = await admin.get(`/v1/webhooks/${hook.id}`);
    expect(view.body).toMatchObject({ id: hook.id, url: healthy.url, events: ['ticket.created', 'ticket.status.changed'], enabled: true });
    expect(JSON.stringify(view.body)).not.toContain(hook.secret.slice(6, 20));
    expect((await admin.get('/v1/webhooks')).body.items.map((w: { id: string }) => w.id)).toContain(hook.id);

    const { body: ticket } = await agent.post('/v1/tickets', newTicket({ subject: 'Webhook e2e' }));
    await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'not subscribed', internal: true });
    expect((await agent.patch(`/v1/tickets/${ticket.id}`, { status: 'in_progress' }, { 'if-match': '"2"' })).status).toBe(200);

    const got = await eventually(async () => {
      const mine = healthy.forTicket(ticket.id);
      expect(mine.map((r) => r.json.type).sort()).toEqual(['ticket.created', 'ticket.status.changed']);
      return mine;
    }, EVENT_WAIT_MS);
    for (const request of got) {
      const verified = new Webhook(hook.secret).verify(request.body, request.headers as Record<string, string>);
      expect(verified).toMatchObject({ type: request.json.type, data: { ticketId: ticket.id, orgId: runtime.orgId } });
      expect(request.headers['webhook-id']).toMatch(/^msg_[0-9A-Z]{26}$/);
      expect(Object.keys(request.json).sort()).toEqual(['data', 'timestamp', 'type']);
    }
    const list = await eventually(async () => {
      const items = (await deliveries(hook.id)).filter((d) => d.ticketId === ticket.id);
      expect(items.map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
      return items;
    });
    expect(list.map((d) => d.eventType)).toEqual(['ticket.status.changed', 'ticket.created']); // newest first
    expect(list[0].attempts).toEqual([expect.objectContaining({ attempt: 1, ok: true, statusCode: 200, responseExcerpt: 'thanks', error: null })]);
    expect(got.map((r) => r.headers['webhook-id']).sort()).toEqual(list.map((d) => `msg_${d.id}`).sort());
  });

  it('retries a 500-answering endpoint with backoff on the local clock, with the same webhook-id', async () => {
    const hook = await register(failing.url, ['ticket.created']);
    created.push(hook.id);
    const { body: ticket } = await agent.post('/v1/tickets', newTicket({ subject: 'Webhook retry e2e' }));
    const first = await eventually(async () => {
      const [delivery] = (await deliveries(hook.id)).filter((d) => d.ticketId === ticket.id);
      expect(delivery).toMatchObject({ status: 'retrying', attempts: [expect.objectContaining({ ok: false, statusCode: 500, responseExcerpt: 'not today', error: 'HTTP 500' })] });
      return delivery;
    }, EVENT_WAIT_MS);
    failNow = false;
    await api(runtime.tokens.admin).post('/v1/dev/clock', { seconds: 120 });
    const done = await eventually(async () => {
      const delivery = (await deliveries(hook.id)).find((d) => d.id === first.id)!;
      expect(delivery.status).toBe('succeeded');
      return delivery;
    }, EVENT_WAIT_MS);
    expect(done.attemptCount).toBeGreaterThanOrEqual(2);
    expect(done.attempts.at(-1)).toMatchObject({ ok: true, statusCode: 204 });
    const sent = failing.forTicket(ticket.id);
    expect(new Set(sent.map((r) => r.headers['webhook-id']))).toEqual(new Set([`msg_${first.id}`]));
    for (const request of sent) expect(() => new Webhook(hook.secret).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
  });

  it('does not let a hanging endpoint hold up a healthy one', async () => {
    const slow = await register(hanging.url, ['ticket.escalated']);
    created.push(slow.id);
    const fast = await register(healthy.url, ['ticket.escalated']);
    created.push(fast.id);
    const { body: ticket } = await agent.post('/v1/tickets', newTicket({ subject: 'Webhook hang e2e' }));
    expect((await agent.post(`/v1/tickets/${ticket.id}/escalation`, { tier: 2, reason: 'e2e' })).status).toBe(200);
    await eventually(async () => expect(healthy.forTicket(ticket.id, 'ticket.escalated')).toHaveLength(1), EVENT_WAIT_MS);
    // The healthy endpoint got its POST; the hanging one got its own (the two deliveries run side
    // by side, in no set order) and holds it open, unanswered.
    await eventually(async () => expect(hanging.forTicket(ticket.id)).toHaveLength(1), EVENT_WAIT_MS);
    expect(hanging.open.length).toBeGreaterThanOrEqual(1);
    const timedOut = await eventually(async () => {
      const [delivery] = (await deliveries(slow.id)).filter((d) => d.ticketId === ticket.id);
      expect(delivery.attempts[0]).toMatchObject({ ok: false, statusCode: null, error: 'timed out after 10000 ms' });
      expect(delivery.status).toBe('retrying');
      return delivery;
    }, EVENT_WAIT_MS);
    expect(timedOut.attempts[0].latencyMs).toBeGreaterThanOrEqual(10_000);
    expect(await del(`/v1/webhooks/${slow.id}`, runtime.tokens.admin)).toBe(204);
  });

  it('replays a delivery with the same id and body, and signs with both secrets after a rotation', async () => {
    const hook = await register(healthy.url, ['ticket.created']);
    created.push(hook.id);
    const { body: ticket } = await agent.post('/v1/tickets', newTicket({ subject: 'Webhook replay e2e' }));
    const [delivery] = await eventually(async () => {
      const items = (await deliveries(hook.id)).filter((d) => d.ticketId === ticket.id && d.status === 'succeeded');
      expect(items).toHaveLength(1);
      return items;
    }, EVENT_WAIT_MS);
    const rotated = await admin.post(`/v1/webhooks/${hook.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(hook.secret);

    const replay = await admin.post(`/v1/webhooks/${hook.id}/deliveries/${delivery.id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ id: delivery.id, status: 'pending' });
    const copies = await eventually(async () => {
      const mine = healthy.forTicket(ticket.id).filter((r) => r.headers['webhook-id'] === `msg_${delivery.id}`);
      expect(mine).toHaveLength(2);
      return mine;
    }, EVENT_WAIT_MS);
    expect(copies[1].body).toBe(copies[0].body);
    expect(String(copies[1].headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [hook.secret, rotated.body.secret]) {
      expect(() => new Webhook(secret).verify(copies[1].body, copies[1].headers as Record<string, string>)).not.toThrow();
    }
    await eventually(async () => {
      const after = (await deliveries(hook.id)).find((d) => d.id === delivery.id)!;
      expect(after).toMatchObject({ status: 'succeeded', attemptCount: 2 });
    });
  });

  it('lets an admin change and remove an endpoint', async () => {
    const hook = await register(healthy.url, ['*']);
    const changed = await admin.patch(`/v1/webhooks/${hook.id}`, { events: ['ticket.closed'], enabled: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ events: ['ticket.closed'], enabled: false });
    expect(await del(`/v1/webhooks/${hook.id}`, runtime.tokens.admin)).toBe(204);
    expect((await admin.get(`/v1/webhooks/${hook.id}`)).status).toBe(404);
  });
});

describe('bad webhook input gets a problem', () => {
  let hookId: string;
  let deliveryId = '01JD0000000000000000000000';
  beforeAll(async () => {
    hookId = (await admin.post('/v1/webhooks', { url: 'https://hooks.example.com/in', events: ['*'] })).body.id;
  });
  afterAll(async () => {
    await del(`/v1/webhooks/${hookId}`, runtime.tokens.admin);
  });
  const expectProblem = (res: { status: number; headers: Headers; body: { status: number; type: string } }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.status).toBe(status);
  };

  it('refuses unknown event names, empty filters, bad URLs and unknown fields, naming each', async () => {
    const res = await admin.post('/v1/webhooks', { url: 'ftp://example.com/x', events: ['ticket.created', 'ticket.exploded'], colour: 'red' });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['#/colour', '#/events/1', '#/url']);
    expectProblem(await admin.post('/v1/webhooks', { url: 'https://example.com/x', events: [] }), 400);
    expectProblem(await admin.post('/v1/webhooks', { url: 'not a url', events: ['*'] }), 400);
    expectProblem(await admin.post('/v1/webhooks', { url: 'https://example.com/x', events: ['*', 'ticket.created'] }), 400);
    expectProblem(await admin.post('/v1/webhooks', { url: 'https://user:pw@example.com/x', events: ['*'] }), 400);
    expectProblem(await admin.patch(`/v1/webhooks/${hookId}`, {}), 400);
    expectProblem(await admin.get(`/v1/webhooks/${hookId}/deliveries?cursor=bogus`), 400);
  });

  it('keeps endpoints to admins of their own organization', async () => {
    expectProblem(await agent.post('/v1/webhooks', { url: 'https://hooks.example.com/in', events: ['*'] }), 403);
    expectProblem(await agent.get('/v1/webhooks'), 403);
    expectProblem(await api(runtime.tokens.customer).get(`/v1/webhooks/${hookId}`), 403);
    expectProblem(await otherAdmin.get(`/v1/webhooks/${hookId}`), 404);
    expectProblem(await otherAdmin.patch(`/v1/webhooks/${hookId}`, { enabled: false }), 404);
    expectProblem(await otherAdmin.post(`/v1/webhooks/${hookId}/rotate-secret`), 404);
    expectProblem(await otherAdmin.get(`/v1/webhooks/${hookId}/deliveries`), 404);
    expectProblem(await otherAdmin.post(`/v1/webhooks/${hookId}/deliveries/${deliveryId}/replay`), 404);
    expect(await del(`/v1/webhooks/${hookId}`, runtime.otherOrg.tokens.admin)).toBe(404);
    expect((await otherAdmin.get('/v1/webhooks')).body.items.map((w: { id: string }) => w.id)).not.toContain(hookId);
    expectProblem(await admin.get('/v1/webhooks/wh_nope'), 404);
    expectProblem(await admin.post(`/v1/webhooks/${hookId}/deliveries/${deliveryId}/replay`), 404);
    deliveryId = 'has spaces';
    expectProblem(await admin.post(`/v1/webhooks/${hookId}/deliveries/${encodeURIComponent(deliveryId)}/replay`), 400);
  });
});
