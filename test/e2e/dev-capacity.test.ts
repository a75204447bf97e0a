import { describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/eventually';
import { api, newTicket } from '../support/http-client';

const runtime = inject('runtime');
const admin = api(runtime.tokens.admin);
const agent = api(runtime.tokens.agent);

type Units = { invocations: number; calls: number; read: number; write: number; writeLocalReported: number };
type Capacity = { transactions: string; inFlight: number; queued: number; retrying: number; total: Units; labels: Record<string, Units>; commands: Record<string, Units> };
const capacity = async () => {
  const res = await agent.get('/v1/dev/capacity');
  expect(res.status).toBe(200);
  return res.body as Capacity;
};
const label = (c: Capacity, name: string): Units => c.labels[name] ?? { invocations: 0, calls: 0, read: 0, write: 0, writeLocalReported: 0 };

describe('the local runtime\'s capacity meter (GET /v1/dev/capacity)', () => {
  it('grows after a create: the request\'s own writes under its route group, and its bus consumers\' under their rules', async () => {
    const before = await capacity();
    const created = await agent.post('/v1/tickets', newTicket({ subject: 'Metered create', priority: 'low' }));
    expect(created.status).toBe(201);
    const after = await capacity();
    const tickets = [label(before, 'http:tickets'), label(after, 'http:tickets')];
    expect(tickets[1].invocations).toBeGreaterThan(tickets[0].invocations);
    // A create is at least its transaction: the ticket, its number and its activity, each written twice.
    expect(tickets[1].write - tickets[0].write).toBeGreaterThanOrEqual(6);
    expect(after.total.write).toBeGreaterThan(before.total.write);
    expect(after.commands['http:tickets TransactWriteItemsCommand'].calls).toBeGreaterThan(before.commands['http:tickets TransactWriteItemsCommand']?.calls ?? 0);
    expect(after).toMatchObject({ inFlight: expect.any(Number), queued: expect.any(Number), retrying: expect.any(Number) });
    // The SLA planner wakes on ticket.created and writes its live-timer record: its units count too.
    await eventually(async () => {
      const later = await capacity();
      const planner = [label(before, 'rule:sla-planner'), label(later, 'rule:sla-planner')];
      expect(planner[1].invocations).toBeGreaterThan(planner[0].invocations);
      expect(planner[1].calls).toBeGreaterThan(planner[0].calls);
      expect(later.total.write).toBeGreaterThan(after.total.write);
    });
  });

  it('switches transactions to billing from item sizes for an admin only, and refuses a bad body as a problem', async () => {
    const start = (await capacity()).transactions;
    expect(start).toBe('reported');
    const denied = await agent.post('/v1/dev/capacity', { transactionImages: true });
    expect(denied.status).toBe(403);
    const bad = await admin.post('/v1/dev/capacity', { transactionImages: 'yes', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('#/transactionImages');
    expect((await capacity()).transactions).toBe('reported');
    try {
      const on = await admin.post('/v1/dev/capacity', { transactionImages: true });
      expect(on.status).toBe(200);
      expect(on.body.transactions).toBe('images');
      const before = await capacity();
      expect((await agent.post('/v1/tickets', newTicket({ subject: 'Metered with images', priority: 'low' }))).status).toBe(201);
      const after = await capacity();
      expect(label(after, 'http:tickets').write).toBeGreaterThan(label(before, 'http:tickets').write);
    } finally {
      expect((await admin.post('/v1/dev/capacity', { transactionImages: false })).body.transactions).toBe('reported');
    }
  });

  it('is not for customers', async () => {
    expect((await api(runtime.tokens.customer).get('/v1/dev/capacity')).status).toBe(403);
  });
});
