import { beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/eventually';
import { api, eventDelivered, newTicket } from '../support/http-client';

/*
 * All e2e files share one runtime and one clock, so these tests work in the second
 * organization (its own fast SLA policy and a 3-day auto-close), create their own tickets,
 * assert only on them, and only on what has happened (never on what has not yet), since
 * another file may move the clock too.
 */
const runtime = inject('runtime');
const org = runtime.otherOrg;
const admin = api(org.tokens.admin);
const agent = api(org.tokens.agent);
const customer = api(org.tokens.customer);
const MIN = 60_000;
/** A big clock move fires every ticket's due timers in the runtime, not only ours, while the other files load it too: allow for the queue. */
const SLOW = 150_000;
/**
 * After a move by days every earlier file's tickets' timers on the shared runtime fall due and fire
 * first (auto-close warnings, closes, surveys): the one this test waits for can come minutes later.
 */
const AFTER_DAYS_MOVE = 480_000;

const fast = {
  name: 'E2E fast',
  default: true,
  calendar: '24x7',
  targets: { high: { firstResponseMinutes: 4, nextResponseMinutes: 4, resolutionMinutes: 60 } },
};
const advance = (seconds: number) => admin.post('/v1/dev/clock', { seconds });
const eventsOf = async (ticketId: string, type?: string) =>
  (await agent.get(`/v1/dev/events?ticketId=${ticketId}${type ? `&type=${type}` : ''}`)).body.items as { detail: any }[];
const schedulesOf = async (ticketId: string) =>
  (await agent.get(`/v1/dev/schedules?ticketId=${ticketId}`)).body.pending as { name: string; at: string }[];

describe('SLA timers, escalation and the time-driven lifecycle in the local runtime', () => {
  let policyId: string;
  beforeAll(async () => {
    const created = await admin.post('/v1/sla-policies', fast);
    expect(created.status).toBe(201);
    policyId = created.body.id;
    // The organization's auto-close delay, through the settings API (versioned and audited).
    expect((await admin.patch('/v1/settings', { autoCloseDays: 3 })).status).toBe(200);
  });

  it('manages policies: admin only, exactly one default, invalid ones are 400 problems naming the field', async () => {
    expect((await agent.post('/v1/sla-policies', fast)).status).toBe(403);
    const bad = await admin.post('/v1/sla-policies', {
      name: 'Bad', calendar: { timezone: 'Mars/Olympus', hours: { mon: [['09:00', '12:00'], ['11:00', '13:00']] } },
      targets: { high: { firstResponseMinutes: 0, nextResponseMinutes: 5, resolutionMinutes: 60 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    const pointers = bad.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['#/calendar/timezone', '#/calendar/hours/mon/1', '#/targets/high/firstResponseMinutes']));
    const listed = (await agent.get('/v1/sla-policies')).body.items as { id: string; default: boolean }[];
    expect(listed.filter((p) => p.default).map((p) => p.id)).toEqual([policyId]);
    expect((await customer.get('/v1/sla-policies')).status).toBe(403);
    expect((await agent.get('/v1/sla-policies/nope')).status).toBe(404);
  });

  it('warns at 75 %, breaches at 100 % and escalates a high-priority ticket, and lists it among upcoming breaches', async () => {
    const { body: ticket } = await agent.post('/v1/tickets', newTicket({ priority: 'high' }));
    const created = Date.parse(ticket.createdAt);
    expect(ticket.sla).toMatchObject({ policyId, pausedSince: null, breached: [] });
    expect(Date.parse(ticket.sla.firstResponseDueAt) - created).toBe(4 * MIN);
    expect(Date.parse(ticket.sla.resolutionDueAt) - created).toBe(60 * MIN);
    await eventually(async () => expect((await schedulesOf(ticket.id)).map((s) => s.name)).toHaveLength(4));
    const upcoming = (await agent.get('/v1/sla/upcoming-breaches?limit=100')).body.items as { ticketId: string; target: string }[];
    expect(upcoming.find((b) => b.ticketId === ticket.id)).toMatchObject({ target: 'firstResponse' });

    await advance(3 * 60);
    const [warning] = await eventually(async () => {
      const found = await eventsOf(ticket.id, 'ticket.sla.warning');
      expect(found.length).toBeGreaterThan(0);
      return found;
    }, SLOW);
    expect(warning.detail).toMatchObject({ internal: true, data: { target: 'firstResponse' } });
    await advance(60);
    await eventually(async () => expect(await eventsOf(ticket.id, 'ticket.sla.breached')).not.toHaveLength(0), SLOW);
    const escalated = await eventually(async () => {
      const events = await eventsOf(ticket.id, 'ticket.escalated');
      expect(events).not.toHaveLength(0);
      return events[0];
    }, SLOW);
    expect(escalated.detail).toMatchObject({ changes: { tier: { from: 0, to: 1 } }, data: { cause: 'sla-breach' } });
    const { body: after } = await agent.get(`/v1/tickets/${ticket.id}`);
    expect(after.escalation).toMatchObject({ tier: 1, escalated: true });
    expect(after.sla.breached[0]).toEqual({ kind: 'firstResponse', at: ticket.sla.firstResponseDueAt });
    expect((await customer.get('/v1/sla/upcoming-breaches')).status).toBe(403);
  }, 4 * SLOW);

  it('pauses the clock while waiting on the customer and moves the due dates by the time paused', async () => {
    const { body: ticket } = await agent.post('/v1/tickets', newTicket({ priority: 'high' }));
    const due = Date.parse(ticket.sla.firstResponseDueAt);
    const paused = await agent.patch(`/v1/tickets/${ticket.id}`, { status: 'waiting_on_customer' }, { 'if-match': '"1"' });
    expect(paused.status).toBe(200);
    expect(paused.body.sla).toMatchObject({ firstResponseDueAt: null, resolutionDueAt: null });
    expect(paused.body.sla.pausedSince).not.toBeNull();
    // No timers is also what the list shows before the planner took the creation: first let the
    // planner (every target) take the pause, then there must be none.
    await eventDelivered(agent, ticket.id, 'ticket.status.changed');
    await eventually(async () => expect((await schedulesOf(ticket.id)).filter((s) => s.name.startsWith('sla-'))).toEqual([]));
    await advance(10 * 60);
    const resumed = await agent.patch(`/v1/tickets/${ticket.id}`, { status: 'open' }, { 'if-match': `"${paused.body.version}"` });
    expect(resumed.status).toBe(200);
    expect(Date.parse(resumed.body.sla.firstResponseDueAt) - due).toBeGreaterThanOrEqual(10 * MIN);
    expect(resumed.body.sla.pausedSince).toBeNull();
    await eventually(async () => {
      const names = (await schedulesOf(ticket.id)).map((s) => s.name);
      expect(names.some((n) => n.endsWith('-v3'))).toBe(true);
      expect(names.filter((n) => n.startsWith('sla-') && !n.endsWith('-v3'))).toEqual([]);
    });
  }, 3 * SLOW);

  it('lets a stale timer (its SLA version moved on) do nothing', async () => {
    const { body: ticket } = await agent.post('/v1/tickets', newTicket({ priority: 'high' }));
    await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Looking into it' });
    const before = (await agent.get(`/v1/tickets/${ticket.id}`)).body;
    const name = `sla-${ticket.id}-fr-b-v1-stale`;
    const now = (await agent.get('/v1/dev/clock')).body.now;
    const scheduled = await agent.post('/v1/dev/schedules', {
      name, at: now, payload: { kind: 'sla', ticketId: ticket.id, target: 'firstResponse', stage: 'breach', slaVersion: 1 },
    });
    expect(scheduled.status).toBe(202);
    await eventually(async () => expect((await schedulesOf(ticket.id)).map((s) => s.name)).not.toContain(name), SLOW);
    const after = (await agent.get(`/v1/tickets/${ticket.id}`)).body;
    expect(after.version).toBe(before.version);
    expect(after.sla.breached).toEqual([]);
    // A breach the timer wrongly recorded would reach the event log through the stream: a later
    // event of the same ticket (delivered in order) comes after it.
    const note = await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'after the stale timer', internal: true });
    expect(note.status).toBe(201);
    await eventDelivered(agent, ticket.id, 'ticket.note.added', (e) => e.detail.data?.messageId === note.body.id);
    expect(await eventsOf(ticket.id, 'ticket.sla.breached')).toEqual([]);
  }, 3 * SLOW);

  it('warns, auto-closes a ticket left waiting on the customer, sends the survey, and takes one rating', async () => {
    const { body: ticket } = await customer.post('/v1/tickets', newTicket({ priority: 'low', requester: undefined }));
    expect((await customer.post(`/v1/tickets/${ticket.id}/rating`, { score: 5 })).status).toBe(422);
    const waiting = await agent.patch(`/v1/tickets/${ticket.id}`, { status: 'waiting_on_customer' }, { 'if-match': '"1"' });
    expect(waiting.status).toBe(200);
    await eventually(async () => expect((await schedulesOf(ticket.id)).filter((s) => s.name.startsWith('ac-'))).toHaveLength(2));

    await advance(86_400 + 1);
    await eventually(async () => {
      const { body } = await customer.get(`/v1/tickets/${ticket.id}`);
      expect(body.messages.map((m: { author: { role: string } }) => m.author.role)).toContain('system');
    }, AFTER_DAYS_MOVE);
    await advance(2 * 86_400);
    await eventually(async () => expect(await eventsOf(ticket.id, 'ticket.closed')).toHaveLength(1), AFTER_DAYS_MOVE);
    expect((await agent.get(`/v1/tickets/${ticket.id}`)).body.status).toBe('closed');
    await advance(86_400);
    await eventually(async () => expect(await eventsOf(ticket.id, 'ticket.survey.sent')).toHaveLength(1), AFTER_DAYS_MOVE);

    expect((await agent.post(`/v1/tickets/${ticket.id}/rating`, { score: 4 })).status).toBe(403);
    expect((await customer.post(`/v1/tickets/${ticket.id}/rating`, { score: 9 })).status).toBe(400);
    const rated = await customer.post(`/v1/tickets/${ticket.id}/rating`, { score: 5, comment: 'Quick and kind' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ ticketId: ticket.id, score: 5, comment: 'Quick and kind' });
    const again = await customer.post(`/v1/tickets/${ticket.id}/rating`, { score: 1 });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/already-rated$/);
    const [event] = await eventually(async () => {
      const found = await eventsOf(ticket.id, 'ticket.rated');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(event.detail.data).toEqual({ score: 5, comment: 'Quick and kind' });
  }, 2 * SLOW + 3 * AFTER_DAYS_MOVE);

  // Last in the file: it changes the org's default policy's targets (and puts them back).
  it('recomputes an open ticket off the request path when its policy\'s targets change', async () => {
    const { body: ticket } = await agent.post('/v1/tickets', newTicket({ priority: 'high' }));
    expect(Date.parse(ticket.sla.resolutionDueAt) - Date.parse(ticket.createdAt)).toBe(60 * MIN);
    const tighter = { ...fast, targets: { high: { ...fast.targets.high, resolutionMinutes: 30 } } };
    expect((await agent.put(`/v1/sla-policies/${policyId}`, tighter)).status).toBe(403);
    const put = await admin.put(`/v1/sla-policies/${policyId}`, tighter);
    expect(put.status).toBe(200);
    const recomputed = await eventually(async () => {
      const { body } = await agent.get(`/v1/tickets/${ticket.id}`);
      expect(Date.parse(body.sla.resolutionDueAt) - Date.parse(ticket.createdAt)).toBe(30 * MIN);
      return body;
    });
    expect(recomputed.sla.policyId).toBe(policyId);
    const [event] = await eventually(async () => {
      const found = (await eventsOf(ticket.id, 'ticket.updated')).filter((e) => e.detail.changes?.slaPolicy);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(event.detail.changes.slaPolicy.to).toEqual({ policyId, version: put.body.version });
    // The planner re-plans on that event: the resolution breach timer moves to the new due time.
    await eventually(async () => {
      const breach = (await schedulesOf(ticket.id)).filter((s) => s.name.includes('-rs-b-'));
      expect(breach.map((s) => Date.parse(s.at))).toEqual([Date.parse(recomputed.sla.resolutionDueAt)]);
    });
    expect((await admin.put(`/v1/sla-policies/${policyId}`, fast)).status).toBe(200);
  }, SLOW);
});
