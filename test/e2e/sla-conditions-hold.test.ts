import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';
import { freshOrg } from '../support/fresh-org';
import { api, eventDelivered, newTicket } from '../support/http-client';
import { ticketEvents, WsClient } from '../support/ws-client';

/*
 * SLA policies chosen by conditions, and staff holding a ticket's SLA clock, over HTTP in the
 * shared local runtime. An organization of its own, so its policies choose only its tickets;
 * the clock is shared with every other file, so assertions are only on what has happened.
 */
const MIN = 60_000;
/** A clock move fires every file's due timers at once: allow for the queue (see sla.test.ts). */
const SLOW = 150_000;
const target = (fr: number, rs: number) => ({ firstResponseMinutes: fr, nextResponseMinutes: fr, resolutionMinutes: rs });

let org: Awaited<ReturnType<typeof freshOrg>>;
let admin: ReturnType<typeof api>;
let agent: ReturnType<typeof api>;
let customer: ReturnType<typeof api>;
let partnerId: string;
let urgentId: string;

const eventsOf = async (ticketId: string, type?: string) =>
  (await agent.get(`/v1/dev/events?ticketId=${ticketId}${type ? `&type=${type}` : ''}`)).body.items as { detail: any }[];
const slaSchedulesOf = async (ticketId: string) =>
  ((await agent.get(`/v1/dev/schedules?ticketId=${ticketId}`)).body.pending as { name: string; at: string }[]).filter((s) => s.name.startsWith('sla-'));
const partnerTicket = (over: Record<string, unknown> = {}) =>
  newTicket({ requester: { name: 'Pat Partner', email: 'pat@Support.Partner-sla17.example' }, ...over });

beforeAll(async () => {
  org = await freshOrg('org_sla17');
  admin = api(org.users.admin.token);
  agent = api(org.users.agent.token);
  customer = api(org.users.customer.token);
  const partner = await admin.post('/v1/sla-policies', {
    name: 'Partners by API', calendar: '24x7', order: 10,
    conditions: { requesterDomains: ['partner-sla17.example'], channels: ['api'] }, targets: { high: target(3, 30), medium: target(20, 120) },
  });
  expect(partner.status).toBe(201);
  expect(partner.body).toMatchObject({ conditions: { requesterDomains: ['partner-sla17.example'], channels: ['api'] }, order: 10, enabled: true });
  partnerId = partner.body.id;
  const urgent = await admin.post('/v1/sla-policies', {
    name: 'Urgent', calendar: '24x7', order: 5, conditions: { priorities: ['urgent'] }, targets: { urgent: target(7, 70) },
  });
  expect(urgent.status).toBe(201);
  urgentId = urgent.body.id;
});
afterAll(() => org?.close());

describe('SLA policy conditions over HTTP', () => {
  it('gives a ticket from a matching domain and channel the matching policy\'s deadlines, others the default', async () => {
    const { status, body: ticket } = await agent.post('/v1/tickets', partnerTicket());
    expect(status).toBe(201);
    expect(ticket.sla).toMatchObject({ policyId: partnerId, policyReason: { kind: 'conditions', matched: { requesterDomain: 'support.partner-sla17.example', channel: 'api' } } });
    expect(Date.parse(ticket.sla.firstResponseDueAt) - Date.parse(ticket.createdAt)).toBe(3 * MIN);
    expect(Date.parse(ticket.sla.resolutionDueAt) - Date.parse(ticket.createdAt)).toBe(30 * MIN);
    const { body: other } = await agent.post('/v1/tickets', newTicket({ requester: { name: 'O', email: 'o@elsewhere-sla17.example' } }));
    expect(other.sla).toMatchObject({ policyId: 'default', policyReason: { kind: 'default' } });
    expect(Date.parse(other.sla.firstResponseDueAt) - Date.parse(other.createdAt)).toBe(120 * MIN);
    // The customer's view never shows the SLA.
    const { body: own } = await customer.post('/v1/tickets', newTicket({ requester: undefined }));
    expect((await customer.get(`/v1/tickets/${own.id}`)).body.sla ?? null).toBeNull();
  });

  it('switches the policy when the priority changes and says why in a staff-only ticket.updated event', async () => {
    const { body: ticket } = await agent.post('/v1/tickets', partnerTicket());
    const changed = await agent.patch(`/v1/tickets/${ticket.id}`, { priority: 'urgent' }, { 'if-match': `"${ticket.version}"` });
    expect(changed.status).toBe(200);
    expect(changed.body.sla).toMatchObject({ policyId: urgentId, policyReason: { kind: 'conditions', matched: { priority: 'urgent' } } });
    // At most 7 minutes of first response on the new policy (less what the ticket used while other files moved the clock).
    expect(Date.parse(changed.body.sla.firstResponseDueAt) - Date.parse(changed.body.updatedAt)).toBeLessThanOrEqual(7 * MIN);
    const [event] = await eventually(async () => {
      const found = (await eventsOf(ticket.id, 'ticket.updated')).filter((e) => e.detail.changes?.slaPolicyId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(event.detail).toMatchObject({
      internal: true, actor: { id: org.users.agent.id },
      changes: { slaPolicyId: { from: partnerId, to: urgentId } }, data: { reason: 'sla-policy-conditions-matched' },
    });
  });

  it('switches to a category\'s policy when staff set that category, and back to the default when they clear it', async () => {
    const category = await admin.post('/v1/categories', { id: 'outage', name: 'Outage' });
    expect(category.status).toBe(201);
    const outage = await admin.post('/v1/sla-policies', {
      name: 'Outages', calendar: '24x7', order: 1, conditions: { categories: ['outage'] }, targets: { high: target(9, 90) },
    });
    expect(outage.status).toBe(201);
    const { body: ticket } = await agent.post('/v1/tickets', newTicket({ requester: { name: 'O', email: 'o@elsewhere-sla17.example' } }));
    expect(ticket.sla.policyId).toBe('default');
    const set = await agent.patch(`/v1/tickets/${ticket.id}`, { category: 'outage' }, { 'if-match': `"${ticket.version}"` });
    expect(set.status).toBe(200);
    expect(set.body.sla).toMatchObject({ policyId: outage.body.id, policyReason: { kind: 'conditions', matched: { category: 'outage' } } });
    expect(Date.parse(set.body.sla.resolutionDueAt) - Date.parse(set.body.updatedAt)).toBeLessThanOrEqual(90 * MIN);
    const cleared = await agent.patch(`/v1/tickets/${ticket.id}`, { category: null }, { 'if-match': `"${set.body.version}"` });
    expect(cleared.status).toBe(200);
    expect(cleared.body.sla).toMatchObject({ policyId: 'default', policyReason: { kind: 'default' } });
    await eventually(async () => {
      const reasons = (await eventsOf(ticket.id, 'ticket.updated')).filter((e) => e.detail.changes?.slaPolicyId).map((e) => e.detail.data.reason);
      expect(reasons).toEqual(['sla-policy-conditions-matched', 'sla-policy-conditions-no-longer-match']);
    });
  });

  it('documents conditions and the pause/resume routes in the OpenAPI document', async () => {
    const doc = (await api().get('/v1/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/tickets/{ticketId}/sla/pause', '/v1/tickets/{ticketId}/sla/resume']));
    expect(Object.keys(doc.components.schemas.SlaPolicyConditions.properties)).toEqual(['categories', 'priorities', 'channels', 'requesterDomains']);
    expect(doc.components.schemas.PauseTicketSlaBody.required).toEqual(['reason']);
  });

  it('refuses malformed conditions with a 400 problem naming the field, and stores nothing', async () => {
    const before = (await admin.get('/v1/sla-policies')).body.items.length;
    const bad = await admin.post('/v1/sla-policies', {
      name: 'Bad', calendar: '24x7', order: -1, conditions: { priorities: ['soon'], requesterDomains: ['not a domain'], colour: ['red'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    const pointers = bad.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['#/order', '#/conditions/priorities/0', '#/conditions/requesterDomains/0']));
    expect((await admin.put(`/v1/sla-policies/${partnerId}`, { name: 'P', calendar: '24x7', conditions: { channels: [] } })).status).toBe(400);
    expect((await admin.get('/v1/sla-policies')).body.items.length).toBe(before);
    expect((await admin.get(`/v1/sla-policies/${partnerId}`)).body).toMatchObject({ name: 'Partners by API', version: 1 });
  });
});

describe('staff pause and resume of a ticket\'s SLA clock over HTTP', () => {
  it('pauses with a reason, lets the clock pass the deadline without a breach, and resumes with the deadline shifted by the pause', async () => {
    // Medium on the partner policy: 20 min to first response, 120 to resolution (room for other files' small clock moves).
    const { body: ticket } = await agent.post('/v1/tickets', partnerTicket({ priority: 'medium' }));
    const due = Date.parse(ticket.sla.firstResponseDueAt);
    await eventually(async () => expect(await slaSchedulesOf(ticket.id)).toHaveLength(4));

    const paused = await agent.post(`/v1/tickets/${ticket.id}/sla/pause`, { reason: 'Waiting for the partner\'s logs' });
    expect(paused.status).toBe(200);
    expect(paused.headers.get('etag')).toBe(`"${ticket.version + 1}"`);
    expect(paused.body.sla).toMatchObject({
      firstResponseDueAt: null, resolutionDueAt: null,
      manualPause: { byId: org.users.agent.id, reason: 'Waiting for the partner\'s logs' },
    });
    const pausedAt = Date.parse(paused.body.sla.pausedSince);
    const [pauseEvent] = await eventually(async () => {
      const found = (await eventsOf(ticket.id, 'ticket.updated')).filter((e) => e.detail.changes?.slaPaused);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(pauseEvent.detail).toMatchObject({ internal: true, changes: { slaPaused: { from: false, to: true } }, data: { sla: 'paused', reason: 'Waiting for the partner\'s logs' } });
    // The planner drops the ticket's SLA schedules, so nothing can breach it while paused.
    await eventually(async () => expect(await slaSchedulesOf(ticket.id)).toEqual([]));

    // A second pause is a conflict and changes nothing.
    const again = await agent.post(`/v1/tickets/${ticket.id}/sla/pause`, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    expect(again.body.type).toMatch(/sla-already-paused$/);

    // A status that would restart the clock does not end a staff pause.
    const waiting = await agent.patch(`/v1/tickets/${ticket.id}`, { status: 'waiting_on_customer' }, { 'if-match': `"${paused.body.version}"` });
    expect(waiting.status).toBe(200);
    const open = await agent.patch(`/v1/tickets/${ticket.id}`, { status: 'open' }, { 'if-match': `"${waiting.body.version}"` });
    expect(open.status).toBe(200);
    expect(open.body.sla).toMatchObject({ firstResponseDueAt: null, manualPause: { reason: 'Waiting for the partner\'s logs' } });
    // The planner has taken both status changes (the dev event log lists an event once every
    // target took it), and planned no SLA timer again: nothing is left to fire when the clock moves.
    await eventDelivered(agent, ticket.id, 'ticket.status.changed', (e) => e.detail.changes?.status?.to === 'open');
    expect(await slaSchedulesOf(ticket.id)).toEqual([]);

    // Past both deadlines: no breach, no escalation.
    await admin.post('/v1/dev/clock', { seconds: 150 * 60 });
    const now = Date.parse((await agent.get('/v1/dev/clock')).body.now);
    expect(now).toBeGreaterThan(Date.parse(ticket.sla.resolutionDueAt));
    const held = (await agent.get(`/v1/tickets/${ticket.id}`)).body;
    expect(held.sla.breached).toEqual([]);
    expect(held.escalation).toMatchObject({ tier: 0 });

    const resumed = await agent.post(`/v1/tickets/${ticket.id}/sla/resume`, { reason: 'Logs arrived' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.sla.pausedSince).toBeNull();
    expect(resumed.body.sla.manualPause).toBeUndefined();
    const resumedAt = Date.parse(resumed.body.updatedAt);
    // The first response had (due - pausedAt) left; it now falls that long after the resume.
    expect(Date.parse(resumed.body.sla.firstResponseDueAt)).toBe(due + (resumedAt - pausedAt));
    expect(Date.parse(resumed.body.sla.firstResponseDueAt) - due).toBeGreaterThanOrEqual(150 * MIN);
    await eventually(async () => {
      const found = (await eventsOf(ticket.id, 'ticket.updated')).filter((e) => e.detail.changes?.slaPaused);
      expect(found.map((e) => [e.detail.data.sla, e.detail.data.reason])).toEqual([['paused', 'Waiting for the partner\'s logs'], ['resumed', 'Logs arrived']]);
    });
    // The resume's event is in the log, so any breach event of the held time (the same ticket's
    // events are delivered in order) would be there before it.
    expect(await eventsOf(ticket.id, 'ticket.sla.breached')).toEqual([]);
    // The timers are planned again from the new deadlines, and the breach does come once they pass.
    await eventually(async () => {
      const firstBreach = (await slaSchedulesOf(ticket.id)).find((s) => s.name.includes('-fr-b-'));
      expect(Date.parse(firstBreach!.at)).toBe(Date.parse(resumed.body.sla.firstResponseDueAt));
    });
    await admin.post('/v1/dev/clock', { seconds: 25 * 60 });
    await eventually(async () => expect(await eventsOf(ticket.id, 'ticket.sla.breached')).not.toHaveLength(0), SLOW);
    expect((await agent.get(`/v1/tickets/${ticket.id}`)).body.sla.breached[0]).toMatchObject({
      kind: 'firstResponse', at: resumed.body.sla.firstResponseDueAt,
    });
  }, 3 * SLOW);

  it('tells the ticket\'s staff subscribers over the WebSocket, never its customer', async () => {
    const { body: ticket } = await customer.post('/v1/tickets', newTicket({ requester: undefined }));
    const staffWs = await WsClient.open(org.users.agent.token);
    const customerWs = await WsClient.open(org.users.customer.token);
    try {
      await staffWs.request({ action: 'subscribe', ticketId: ticket.id }, 'subscribed');
      await customerWs.request({ action: 'subscribe', ticketId: ticket.id }, 'subscribed');
      expect((await agent.post(`/v1/tickets/${ticket.id}/sla/pause`, { reason: 'On hold for the release' })).status).toBe(200);
      const frame = await staffWs.next((f) => f.type === 'ticket.updated' && f.data?.ticketId === ticket.id && !!f.data?.changes?.slaPaused, 0, EVENT_WAIT_MS);
      expect(frame.data).toMatchObject({ internal: true, data: { sla: 'paused', reason: 'On hold for the release' } });
      // A public reply after the pause reaches the customer; the pause before it never does.
      expect((await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'We are on it.' })).status).toBe(201);
      await customerWs.next((f) => f.type === 'ticket.message.added' && f.data?.ticketId === ticket.id, 0, EVENT_WAIT_MS);
      expect(ticketEvents(customerWs, ticket.id).filter((f) => f.data?.changes?.slaPaused || f.data?.data?.sla)).toEqual([]);
    } finally {
      await Promise.all([staffWs.close(), customerWs.close()]);
    }
  });

  it('answers bad input, customers, unknown tickets and a resume without a pause with problems, and changes nothing', async () => {
    const { body: ticket } = await agent.post('/v1/tickets', partnerTicket());
    const path = `/v1/tickets/${ticket.id}/sla`;
    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 'ok', extra: 1 }, { reason: 7 }]) {
      const res = await agent.post(`${path}/pause`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body.errors[0].pointer).toMatch(/^#\/(reason|extra)?$/);
    }
    expect((await agent.post(`${path}/resume`, { reason: 5 })).status).toBe(400);
    const notPaused = await agent.post(`${path}/resume`, {});
    expect(notPaused.status).toBe(409);
    expect(notPaused.body.type).toMatch(/sla-not-paused$/);
    expect((await customer.post(`${path}/pause`, { reason: 'mine' })).status).toBe(403);
    expect((await agent.post('/v1/tickets/01NOSUCHTICKET0000000000000/sla/pause', { reason: 'x' })).status).toBe(404);
    expect((await agent.post(`${path}/pause`, { reason: 'x' }, { 'if-match': '"99"' })).status).toBe(412);
    const after = (await agent.get(`/v1/tickets/${ticket.id}`)).body;
    expect(after.version).toBe(ticket.version);
    expect(after.sla).toEqual(ticket.sla);
  });
});
