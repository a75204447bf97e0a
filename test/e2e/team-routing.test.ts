import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { api, newTicket } from '../support/http-client';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';

interface TeamOrg {
  orgId: string;
  tokens: Record<'admin' | 'supervisor' | 'agent' | 'agent2' | 'customer', string>;
  users: Record<string, { id: string }>;
}
const team = inject('runtime').teamOrg as TeamOrg;
const admin = api(team.tokens.admin);
const run = randomUUID().slice(0, 6);

type Agent = { id: string; capacity?: number; availability?: 'available' | 'busy' | 'away'; skills?: string[] };

/** A department of fresh agents (fresh ids, so their counters start at zero). */
async function department(name: string, agents: Omit<Agent, 'id'>[]): Promise<{ id: string; agents: string[] }> {
  const { status, body } = await admin.post('/v1/departments', { name: `${name} ${run}` });
  expect(status).toBe(201);
  const ids: string[] = [];
  for (const [i, agent] of agents.entries()) {
    const id = `${name}-${run}-${i}`;
    const res = await admin.put(`/v1/users/${id}`, {
      email: `${id}@team.example.com`, name: `${name} ${i}`, role: 'agent', departmentIds: [body.id], ...agent,
    });
    expect(res.status).toBe(200);
    ids.push(id);
  }
  return { id: body.id, agents: ids };
}

const create = async (tag: string) => {
  const res = await admin.post('/v1/tickets', newTicket({ subject: `Routing ${tag}`, tags: [tag] }));
  expect(res.status).toBe(201);
  return res.body.id as string;
};

/** Creates `n` tickets a few at a time (the shared test machine is small; bursts are the bench's job). */
async function createMany(n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < n) ids.push(...(await Promise.all(Array.from({ length: Math.min(5, n - ids.length) }, () => create(tag)))));
  return ids;
}

const ticketOf = async (id: string) => (await admin.get(`/v1/tickets/${id}`)).body;
const loadOf = async (userId: string) =>
  ((await admin.get('/v1/users')).body.items as { id: string; openAssigned?: number }[]).find((u) => u.id === userId)?.openAssigned;
const eventsOf = async (ticketId: string, type: string) => (await admin.get(`/v1/dev/events?ticketId=${ticketId}&type=${type}`)).body.items;

/** Waits until the router has acted on every ticket (an assignee, or a ticket.unrouted event). */
async function routed(ids: string[], timeoutMs = 120_000) {
  return eventually(async () => {
    const tickets = await Promise.all(ids.map(ticketOf));
    for (const t of tickets) {
      if (!t.assigneeId) expect(t.activities.map((a: { type: string }) => a.type)).toContain('ticket.unrouted');
    }
    return tickets as { id: string; assigneeId: string | null; departmentId: string | null }[];
  }, timeoutMs, 500);
}

const tally = (tickets: { assigneeId: string | null }[]) => {
  const counts: Record<string, number> = {};
  for (const t of tickets) if (t.assigneeId) counts[t.assigneeId] = (counts[t.assigneeId] ?? 0) + 1;
  return counts;
};

describe('routing and auto-assignment (team organization)', () => {
  let rr: { id: string; agents: string[] };
  let away: { id: string; agents: string[] };
  let cap: { id: string; agents: string[] };
  let skills: { id: string; agents: string[] };
  let load: { id: string; agents: string[] };

  beforeAll(async () => {
    rr = await department('rr', [{}, {}, {}]);
    away = await department('away', [{}, { availability: 'away' }, {}]);
    cap = await department('cap', [{ capacity: 2 }, { capacity: 2 }]);
    skills = await department('skills', [{ skills: ['french'] }, { skills: ['english'] }, { skills: ['french', 'english'] }]);
    load = await department('load', [{}]);
    const rule = (tag: string, departmentId: string, strategy: string, extra = {}) => ({ name: tag, when: { tags: [`${tag}-${run}`] }, departmentId, strategy, ...extra });
    const res = await admin.put('/v1/routing', {
      rules: [
        rule('rr', rr.id, 'round_robin'),
        rule('away', away.id, 'round_robin'),
        rule('cap', cap.id, 'least_loaded'),
        rule('skills', skills.id, 'skills', { skills: ['french'] }),
        rule('load', load.id, 'round_robin'),
      ],
    });
    expect(res.status).toBe(200);
  });

  it('spreads 30 tickets over 3 available agents by round robin: 10/10/10, and their loads say so', async () => {
    const ids = await createMany(30, `rr-${run}`);
    const tickets = await routed(ids, 240_000);
    expect(tickets.every((t) => t.departmentId === rr.id)).toBe(true);
    expect(Object.values(tally(tickets)).sort()).toEqual([10, 10, 10]);
    expect(Object.keys(tally(tickets)).sort()).toEqual([...rr.agents].sort());
    await eventually(async () => {
      for (const agent of rr.agents) expect(await loadOf(agent)).toBe(10);
    }, EVENT_WAIT_MS, 250);
    // The event reaches the bus through the outbox stream, which lags the ticket write on a busy runtime.
    await eventually(async () => {
      const assigned = await eventsOf(ids[0]!, 'ticket.assigned');
      expect(assigned[0]?.detail).toMatchObject({ actor: { id: 'system:routing' }, data: { rule: 'rr', strategy: 'round_robin' } });
    }, 120_000, 500);
  }, 360_000);

  it('gives nothing to an away agent', async () => {
    const ids = await createMany(6, `away-${run}`);
    const counts = tally(await routed(ids));
    expect(counts[away.agents[1]!]).toBeUndefined();
    expect(counts[away.agents[0]!]).toBe(3);
    expect(counts[away.agents[2]!]).toBe(3);
  }, 180_000);

  it('never exceeds capacity 2; the rest stay unassigned in the department with a ticket.unrouted event', async () => {
    const ids = await createMany(6, `cap-${run}`);
    const tickets = await routed(ids);
    const counts = tally(tickets);
    expect(counts).toEqual({ [cap.agents[0]!]: 2, [cap.agents[1]!]: 2 });
    const left = tickets.filter((t) => !t.assigneeId);
    expect(left).toHaveLength(2);
    for (const t of left) {
      expect(t.departmentId).toBe(cap.id);
      const [unrouted] = await eventually(async () => {
        const events = await eventsOf(t.id, 'ticket.unrouted');
        expect(events).toHaveLength(1);
        return events;
      });
      expect(unrouted.detail).toMatchObject({ internal: true, data: { departmentId: cap.id, rule: 'cap', reason: 'no-eligible-agent' } });
    }
    await eventually(async () => {
      for (const agent of cap.agents) expect(await loadOf(agent)).toBe(2);
    });
  }, 180_000);

  it('routes a skills rule only to agents with every skill', async () => {
    const ids = await createMany(6, `skills-${run}`);
    const counts = tally(await routed(ids));
    expect(counts[skills.agents[1]!]).toBeUndefined();
    expect((counts[skills.agents[0]!] ?? 0) + (counts[skills.agents[2]!] ?? 0)).toBe(6);
  }, 180_000);

  it('keeps load counters right when events are delivered again, late or twice', async () => {
    const [agent] = load.agents;
    const id = await create(`load-${run}`);
    await routed([id]);
    await eventually(async () => expect(await loadOf(agent!)).toBe(1));
    const [created, assigned] = await eventually(async () => {
      const found = [(await eventsOf(id, 'ticket.created'))[0], (await eventsOf(id, 'ticket.assigned'))[0]];
      expect(found.every(Boolean)).toBe(true);
      return found;
    });
    // The same events again: the counter stays, and the router does not route twice.
    for (const event of [created, assigned, assigned]) {
      expect((await admin.post(`/v1/dev/events/${event.detail.id}/redeliver`)).status).toBe(202);
    }
    expect(await loadOf(agent!)).toBe(1);
    expect(await eventsOf(id, 'ticket.assigned')).toHaveLength(1);

    const ticket = await ticketOf(id);
    const resolved = await admin.patch(`/v1/tickets/${id}`, { status: 'resolved', resolution: 'Done' }, { 'if-match': `"${ticket.version}"` });
    expect(resolved.status).toBe(200);
    await eventually(async () => expect(await loadOf(agent!)).toBe(0));
    const [statusChanged] = await eventually(async () => {
      const events = await eventsOf(id, 'ticket.status.changed');
      expect(events).toHaveLength(1);
      return events;
    });
    // The resolution again, and the older assignment late: neither moves the counter.
    for (const event of [statusChanged, assigned]) {
      expect((await admin.post(`/v1/dev/events/${event.detail.id}/redeliver`)).status).toBe(202);
    }
    expect(await loadOf(agent!)).toBe(0);
    expect((await admin.post('/v1/dev/events/01NOSUCHEVENT/redeliver')).status).toBe(404);
  }, 180_000);

  it('validates routing rules: unknown departments are 422 with a pointer, bad shapes 400', async () => {
    const unknown = await admin.put('/v1/routing', { rules: [{ name: 'x', when: {}, departmentId: 'nope', strategy: 'round_robin' }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].pointer).toBe('#/rules/0/departmentId');
    const bad = await admin.put('/v1/routing', { rules: [{ name: 'x', departmentId: rr.id, strategy: 'skills' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('#/rules/0/skills');
    expect((await api(team.tokens.agent).put('/v1/routing', { rules: [] })).status).toBe(403);
    expect((await api(team.tokens.agent).get('/v1/routing')).body.rules).toHaveLength(5);
  });
});
