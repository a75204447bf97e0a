import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { type RuntimeProcess, startRuntimeProcess as start } from '../../bin/local/runtime-process';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';

type Contract = RuntimeProcess['contract'] & { smtpPort: number; supportAddress: string };
const call = async (c: Contract, token: string, method: string, url: string, body?: unknown) => {
  const res = await fetch(`${c.httpUrl}${url}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
};

/** A webhook receiver that outlives the runtime's restarts. */
async function receiver() {
  const received: { type: string; ticketId: string; id: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const json = JSON.parse(body) as { type: string; data: { ticketId: string } };
      received.push({ type: json.type, ticketId: json.data.ticketId, id: String(req.headers['webhook-id']) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise((r) => server.close(r)) };
}

describe('stopping the local runtime loses no events', () => {
  const dirs: string[] = [];
  const running: RuntimeProcess[] = [];
  const fresh = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'helpdesk-shutdown-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const r of running) await r.interrupt();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('Ctrl-C right after 20 creates, then a restart: every ticket.created reaches the webhook exactly once', async () => {
    const dataDir = fresh();
    const hook = await receiver();
    try {
      const first = await start(dataDir);
      running.push(first);
      const c = first.contract as Contract;
      expect((await call(c, c.tokens.admin, 'POST', '/v1/webhooks', { url: hook.url, events: ['ticket.created'] })).status).toBe(201);
      const created = await Promise.all(Array.from({ length: 20 }, (_, i) =>
        call(c, c.tokens.agent, 'POST', '/v1/tickets', { subject: `Burst ${i}`, description: 'd', requester: { email: 'burst@example.com' } })));
      expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
      const ids = created.map((r) => r.body.id as string);
      expect(await first.interruptGroup()).toBe(0);
      expect(first.output()).not.toMatch(/idempotency store|gave up|set aside/);

      const second = await start(dataDir);
      running.push(second);
      await eventually(async () => {
        expect(new Set(hook.received.filter((r) => ids.includes(r.ticketId)).map((r) => r.ticketId)).size).toBe(20);
      }, EVENT_WAIT_MS, 200);
      // The stream is read to its end before this answer: any duplicate would be on its way by now.
      await call(second.contract as Contract, c.tokens.agent, 'POST', '/v1/tickets', { subject: 'Marker', description: 'd', requester: { email: 'm@example.com' } })
        .then(async ({ body }) => eventually(async () => expect(hook.received.some((r) => r.ticketId === body.id)).toBe(true), EVENT_WAIT_MS, 100));
      const ours = hook.received.filter((r) => ids.includes(r.ticketId));
      expect(ours.every((r) => r.type === 'ticket.created')).toBe(true);
      expect(ours).toHaveLength(20);
      expect(await second.interrupt()).toBe(0);
    } finally {
      await hook.close();
    }
  }, 600_000);

  it('retries a consumer through a minutes-long outage, dead-letters what fails longer, lists it per organization and replays it', async () => {
    const dataDir = fresh();
    const first = await start(dataDir);
    running.push(first);
    let c = first.contract as Contract;
    const outbox = path.join(dataDir, 'outbox');
    // The mail "server" goes down: the outbox folder becomes a file, so every send fails.
    const breakMail = () => {
      renameSync(outbox, `${outbox}.away`);
      writeFileSync(outbox, 'down');
    };
    const repairMail = () => {
      rmSync(outbox);
      renameSync(`${outbox}.away`, outbox);
    };
    const advance = async (minutes: number) => {
      for (let m = 0; m < minutes; m++) {
        expect((await call(c, c.tokens.admin, 'POST', '/v1/dev/clock', { seconds: 60 })).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 150)); // one retry round per minute
      }
    };
    const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: c.smtpPort, secure: false, ignoreTLS: true });
    const confirmationTo = async (to: string) => (await call(c, c.tokens.agent, 'GET', `/v1/dev/outbox?to=${encodeURIComponent(to)}`)).body.items;

    breakMail();
    await transport().sendMail({ from: 'outage@example.com', to: c.supportAddress, subject: 'During the outage', text: 'hello?' });
    await eventually(async () => expect(first.output()).toMatch(/email-notifier: ticket\.created \S+ failed: .*retrying with backoff/), EVENT_WAIT_MS, 200);
    await advance(5);
    expect((await call(c, c.tokens.agent, 'GET', '/v1/dev/dead-letters')).body.items).toEqual([]);
    repairMail();
    await advance(2);
    await eventually(async () => expect(await confirmationTo('outage@example.com')).toHaveLength(1), EVENT_WAIT_MS, 200);

    const failures = () => first.output().match(/ticket\.created \S+ failed: .*retrying with backoff/g)?.length ?? 0;
    const before = failures();
    breakMail();
    await transport().sendMail({ from: 'too-long@example.com', to: c.supportAddress, subject: 'A long outage', text: 'anyone?' });
    await eventually(async () => expect(failures()).toBeGreaterThan(before), EVENT_WAIT_MS, 200);
    await advance(17);
    // Every mail the ticket called for failed for longer than the policy allows (the confirmation among them).
    type Dead = { id: string; kind: string; source: string; payload: { detail: { type: string; orgId: string } } };
    const dead = await eventually(async () => {
      const { body } = await call(c, c.tokens.agent, 'GET', '/v1/dev/dead-letters');
      expect(body.items.map((d: Dead) => d.payload.detail.type)).toContain('ticket.created');
      return body.items as Dead[];
    }, EVENT_WAIT_MS, 200);
    expect(dead.every((d) => d.kind === 'event' && d.payload.detail.orgId === c.orgId)).toBe(true);
    const confirmation = dead.find((d) => d.payload.detail.type === 'ticket.created')!;
    expect(confirmation.source).toBe('email-notifier');
    expect((await call(c, c.otherOrg.tokens.admin, 'GET', '/v1/dev/dead-letters')).body.items).toEqual([]);
    expect((await call(c, c.tokens.customer, 'GET', '/v1/dev/dead-letters')).status).toBe(403);
    repairMail();

    // The count is in the next start's banner; the dead letters survive the restart.
    expect(await first.interrupt()).toBe(0);
    const second = await start(dataDir);
    running.push(second);
    c = second.contract as Contract;
    expect(second.output()).toMatch(/Dead letters [1-9]\d* set aside/);
    expect((await call(c, c.tokens.agent, 'POST', '/v1/dev/dead-letters', { ids: [confirmation.id] })).status).toBe(403);
    expect((await call(c, c.otherOrg.tokens.admin, 'POST', '/v1/dev/dead-letters', { ids: [confirmation.id] })).body.replayed).toEqual([]);
    expect((await call(c, c.tokens.admin, 'POST', '/v1/dev/dead-letters', { ids: [confirmation.id] })).body.replayed).toEqual([confirmation.id]);
    await eventually(async () => expect(await confirmationTo('too-long@example.com')).toHaveLength(1), EVENT_WAIT_MS, 200);
    // Without ids: the rest of the organization's.
    await call(c, c.tokens.admin, 'POST', '/v1/dev/dead-letters', {});
    await eventually(async () => expect((await call(c, c.tokens.agent, 'GET', '/v1/dev/dead-letters')).body.items).toEqual([]), EVENT_WAIT_MS, 200);
    expect(await second.interrupt()).toBe(0);
  }, 600_000);
});
