import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { api, eventDelivered, newTicket, patchTicketAtCurrentVersion } from '../support/http-client';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';
import { WsClient, ticketEvents } from '../support/ws-client';

interface TeamOrg {
  orgId: string;
  tokens: Record<'admin' | 'supervisor' | 'agent' | 'agent2' | 'customer', string>;
  users: Record<'admin' | 'supervisor' | 'agent' | 'agent2' | 'customer', { id: string; email: string; role: string }>;
}
const team = inject('runtime').teamOrg as TeamOrg;
const admin = api(team.tokens.admin);
const agent = api(team.tokens.agent);
const run = randomUUID().slice(0, 6);
const AGENT = team.users.agent.id;
const AGENT2 = team.users.agent2.id;

const put = (key: 'agent' | 'agent2', extra: Record<string, unknown>) =>
  admin.put(`/v1/users/${team.users[key].id}`, { email: team.users[key].email, name: key, role: 'agent', ...extra });
const open = async (over: Record<string, unknown> = {}) => {
  const res = await admin.post('/v1/tickets', newTicket({ subject: `Scope ${run}`, ...over }));
  expect(res.status).toBe(201);
  return res.body as { id: string; number: string; version: number };
};
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((t) => t.id);

describe('agent scope, watchers and availability (team organization)', () => {
  afterAll(async () => {
    await admin.patch('/v1/organization/settings', { agentScope: 'all' });
  });

  it('lets watchers receive a ticket\'s events on their WebSocket without subscribing', async () => {
    const ws = await WsClient.open(team.tokens.agent2);
    try {
      const ticket = await open();
      const added = await agent.post(`/v1/tickets/${ticket.id}/watchers/${AGENT2}`);
      expect(added.status).toBe(200);
      expect(added.body.watchers).toEqual([AGENT2]);
      await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Watched reply' });
      await ws.next((f) => f.type === 'ticket.message.added' && f.data.ticketId === ticket.id);
      expect((await admin.get(`/v1/tickets/${ticket.id}`)).body.watchers).toEqual([AGENT2]);
      expect((await agent.post(`/v1/tickets/${ticket.id}/watchers/nobody-${run}`)).status).toBe(404);
      expect((await api(team.tokens.customer).post(`/v1/tickets/${ticket.id}/watchers/${AGENT2}`)).status).toBe(403);
      const removed = await api(team.tokens.supervisor).get(`/v1/tickets/${ticket.id}`);
      expect(removed.body.watchers).toEqual([AGENT2]);
    } finally {
      await ws.close();
    }
  });

  it('hides from agents what the organization\'s agentScope says, on list, get and the WebSocket', async () => {
    const dept = (await admin.post('/v1/departments', { name: `Scope ${run}` })).body;
    expect((await put('agent', { departmentIds: [dept.id] })).status).toBe(200);
    const mine = await open({ assigneeId: AGENT });
    const ofDept = await open({ departmentId: dept.id });
    const other = await open();
    const watched = await open({ assigneeId: AGENT2 });
    expect((await admin.post(`/v1/tickets/${watched.id}/watchers/${AGENT}`)).status).toBe(200);

    expect((await admin.patch('/v1/organization/settings', { agentScope: 'assigned' })).body.settings.agentScope).toBe('assigned');
    const listed = ids(await agent.get('/v1/tickets?limit=100'));
    expect(listed).toContain(mine.id);
    expect(listed).not.toContain(ofDept.id);
    expect(listed).not.toContain(other.id);
    expect((await agent.get(`/v1/tickets/${mine.id}`)).status).toBe(200);
    expect((await agent.get(`/v1/tickets/${watched.id}`)).status).toBe(200);
    expect((await agent.get(`/v1/tickets/${ofDept.id}`)).status).toBe(404);
    expect((await agent.patch(`/v1/tickets/${other.id}`, { priority: 'low' }, { 'if-match': '"1"' })).status).toBe(404);
    expect(ids(await agent.get(`/v1/tickets?assigneeId=${AGENT2}`))).toEqual([]);
    expect((await api(team.tokens.supervisor).get(`/v1/tickets/${other.id}`)).status).toBe(200);

    await admin.patch('/v1/organization/settings', { agentScope: 'department' });
    const deptListed = ids(await agent.get('/v1/tickets?limit=100'));
    expect(deptListed).toEqual(expect.arrayContaining([mine.id, ofDept.id, watched.id]));
    expect(deptListed).not.toContain(other.id);
    expect((await agent.get(`/v1/tickets/${ofDept.id}`)).status).toBe(200);
    expect((await agent.get(`/v1/tickets/${other.id}`)).status).toBe(404);

    const ws = await WsClient.open(team.tokens.agent);
    try {
      await ws.request({ action: 'subscribe', topic: 'tickets' }, 'subscribed');
      expect((await ws.request({ action: 'subscribe', ticketId: other.id }, ['subscribed', 'error'])).type).toBe('error');
      await patchTicketAtCurrentVersion(admin, other.id, { priority: 'low' });
      await patchTicketAtCurrentVersion(admin, ofDept.id, { priority: 'low' });
      await ws.next((f) => f.type === 'ticket.updated' && f.data.ticketId === ofDept.id);
      // Two tickets' events are delivered side by side, in no set order: the broadcaster is past the
      // other ticket's change once the dev event log lists it, and its frame, if any, has arrived after a round trip.
      await eventDelivered(admin, other.id, 'ticket.updated');
      await ws.flush();
      expect(ticketEvents(ws, other.id)).toEqual([]);
    } finally {
      await ws.close();
    }
  });

  it('lets agents set their availability, shown in the directory with their load and announced live', async () => {
    const ws = await WsClient.open(team.tokens.supervisor);
    try {
      await ws.request({ action: 'subscribe', topic: 'tickets' }, 'subscribed');
      const from = ws.frames.length;
      const res = await api(team.tokens.agent2).put('/v1/users/me/availability', { status: 'busy' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: AGENT2, availability: 'busy' });
      const frame = await ws.next((f) => f.type === 'availability' && f.data.userId === AGENT2, from, EVENT_WAIT_MS);
      expect(frame.data).toMatchObject({ availability: 'busy', status: 'offline' });
      const entry = (await agent.get('/v1/users')).body.items.find((u: { id: string }) => u.id === AGENT2);
      expect(entry).toMatchObject({ availability: 'busy', capacity: 10 });
      expect(typeof entry.openAssigned).toBe('number');
      expect((await api(team.tokens.customer).put('/v1/users/me/availability', { status: 'away' })).status).toBe(403);
      expect((await api(team.tokens.agent2).put('/v1/users/me/availability', { status: 'asleep' })).status).toBe(400);
      const bySupervisor = await api(team.tokens.supervisor).put(`/v1/users/${AGENT2}/availability`, { status: 'away' });
      expect(bySupervisor.body).toMatchObject({ id: AGENT2, availability: 'away' });
      expect((await agent.put(`/v1/users/${AGENT2}/availability`, { status: 'away' })).status).toBe(403);
      expect((await api(team.tokens.supervisor).put(`/v1/users/nobody-${run}/availability`, { status: 'away' })).status).toBe(404);
    } finally {
      await api(team.tokens.agent2).put('/v1/users/me/availability', { status: 'available' });
      await ws.close();
    }
  });

  it('escalates to a department: the ticket is unassigned there and routed to one of its agents', async () => {
    const dept = (await admin.post('/v1/departments', { name: `Tier 2 ${run}`, tier: 2 })).body;
    const expert = `expert-${run}`;
    expect((await admin.put(`/v1/users/${expert}`, { email: `${expert}@team.example.com`, name: 'Expert', role: 'agent', departmentIds: [dept.id] })).status).toBe(200);
    const ticket = await open({ assigneeId: AGENT });
    const res = await admin.post(`/v1/tickets/${ticket.id}/escalation`, { departmentId: dept.id, reason: 'Needs tier 2' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ departmentId: dept.id, assigneeId: null, escalation: { escalated: true } });
    await eventually(async () => expect((await admin.get(`/v1/tickets/${ticket.id}`)).body.assigneeId).toBe(expert), EVENT_WAIT_MS, 250);
    const unknown = await admin.post(`/v1/tickets/${ticket.id}/escalation`, { departmentId: 'nope', reason: 'x' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].pointer).toBe('#/departmentId');
    expect((await admin.post(`/v1/tickets/${ticket.id}/escalation`, { reason: 'x' })).status).toBe(400);
  }, 2 * EVENT_WAIT_MS);
});
