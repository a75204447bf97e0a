import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';
import { api, eventDelivered, newTicket } from '../support/http-client';

/*
 * Automation rules in the team organization. Every e2e file shares the runtime, and a rule runs
 * on every ticket event of its organization, so each rule here names this run's marker in its
 * conditions (a subject word or a tag) and acts on this file's tickets only; all are deleted
 * at the end.
 */
interface TeamOrg {
  tokens: Record<'admin' | 'supervisor' | 'agent' | 'agent2' | 'customer', string>;
  users: Record<'agent' | 'agent2' | 'customer', { id: string; email: string }>;
}
const team = inject('runtime').teamOrg as TeamOrg;
const admin = api(team.tokens.admin);
const agent = api(team.tokens.agent);
// Tickets are written and read as a supervisor: another file switches the organization's agent scope meanwhile.
const staff = api(team.tokens.supervisor);
const run = randomUUID().slice(0, 8);
const pointers = (res: { body: { errors?: { pointer: string }[] } }) => (res.body.errors ?? []).map((e) => e.pointer).sort();
const created: string[] = [];
const rule = async (body: Record<string, unknown>) => {
  const res = await admin.post('/v1/automations', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  created.push(res.body.id);
  return res.body as { id: string; name: string };
};
const detail = async (ticketId: string) => (await staff.get(`/v1/tickets/${ticketId}`)).body;
type Activity = { type: string; actor: { id: string; role: string; name?: string }; data?: { automation?: { ruleId: string; chain: string[] } } };
const byRule = (activities: Activity[], ruleId: string) => activities.filter((a) => a.data?.automation?.ruleId === ruleId);

let server: Server;
const received: { type: string; data: { rule: { id: string }; ticketId: string } }[] = [];
let hookUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  for (const id of created) await admin.delete(`/v1/automations/${id}`);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('automation rules (team organization)', { timeout: 4 * EVENT_WAIT_MS }, () => {
  it('are managed by admins only, validated with pointers, and refuse references to nothing', async () => {
    const body = { name: `Tag VIP ${run}`, on: ['ticket.created'], conditions: { all: [{ field: 'subject', op: 'contains', value: `crud-${run}` }] }, actions: [{ type: 'add_tags', tags: ['vip'] }] };
    expect((await agent.post('/v1/automations', body)).status).toBe(403);
    const bad = await admin.post('/v1/automations', {
      name: 'Bad', on: ['ticket.nope'],
      conditions: { all: [{ field: 'hoursSinceUpdate', op: 'is', value: 3 }, { field: 'status', op: 'in', value: 'open' }] },
      actions: [{ type: 'assign' }, { type: 'set', field: 'priority', value: 'extreme' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(pointers(bad)).toEqual(expect.arrayContaining([
      '#/on/0', '#/conditions/all/0/op', '#/conditions/all/1/value', '#/actions/0/departmentId', '#/actions/1/value',
    ]));
    const dangling = await admin.post('/v1/automations', { ...body, actions: [{ type: 'webhook', webhookId: `gone${run}` }] });
    expect(dangling.status).toBe(422);
    expect(pointers(dangling)).toEqual(['#/actions/0/webhookId']);

    const made = await rule(body);
    expect((await admin.get(`/v1/automations/${made.id}`)).body).toMatchObject({ name: body.name, enabled: true, version: 1 });
    const patched = await admin.patch(`/v1/automations/${made.id}`, { enabled: false });
    expect(patched.body).toMatchObject({ enabled: false, version: 2 });
    expect(((await admin.get('/v1/automations')).body.items as { id: string }[]).map((r) => r.id)).toContain(made.id);
    expect((await admin.delete(`/v1/automations/${made.id}`)).status).toBe(204);
    expect((await admin.get(`/v1/automations/${made.id}`)).status).toBe(404);
  });

  it('runs every action as the rule, visible in the activity trail', async () => {
    const hook = await admin.post('/v1/webhooks', { url: hookUrl, events: ['ticket.closed'], description: `automation ${run}` });
    expect(hook.status).toBe(201);
    const canned = await admin.post('/v1/canned-replies', { title: `Ack ${run}`, body: 'Hello {{requester.name}}, we got {{ticket.number}}.' });
    expect(canned.status).toBe(201);
    const everything = await rule({
      name: `Everything ${run}`,
      on: ['ticket.created'],
      conditions: {
        all: [{ field: 'subject', op: 'contains', value: `ALL-${run}` }, { field: 'tags', op: 'contains', value: 'DROPME' }],
        any: [{ field: 'priority', op: 'in', value: ['urgent', 'high'] }, { field: 'requester.email', op: 'is', value: 'nobody@example.com' }],
      },
      actions: [
        { type: 'set', field: 'priority', value: 'critical' },
        { type: 'set', field: 'customFields.source', value: 'automation' },
        { type: 'add_tags', tags: ['auto', `run-${run}`] },
        { type: 'remove_tags', tags: ['dropme'] },
        { type: 'assign', assigneeId: team.users.agent.id },
        { type: 'add_note', body: 'Checked by the rule' },
        { type: 'send_canned_reply', cannedReplyId: canned.body.id },
        { type: 'webhook', webhookId: hook.body.id },
      ],
    });
    const { body: ticket } = await staff.post('/v1/tickets', newTicket({ subject: `all-${run} printer`, priority: 'high', tags: ['dropme', 'keep'] }));

    const done = await eventually(async () => {
      const view = await detail(ticket.id);
      expect(view.messages.filter((m: { author: { role: string } }) => m.author.role === 'automation')).toHaveLength(2);
      return view;
    }, EVENT_WAIT_MS, 200);
    expect(done).toMatchObject({ priority: 'critical', assigneeId: team.users.agent.id, customFields: { source: 'automation' } });
    expect(done.tags.sort()).toEqual(['auto', 'keep', `run-${run}`].sort());
    const [note, reply] = [done.messages.find((m: { internal: boolean }) => m.internal), done.messages.find((m: { internal: boolean; author: { role: string } }) => !m.internal && m.author.role === 'automation')];
    expect(note).toMatchObject({ body: 'Checked by the rule', author: { id: `automation:${everything.id}`, name: everything.name } });
    expect(reply.body).toBe(`Hello Carla Customer, we got ${ticket.number}.`);
    const trail = byRule(done.activities, everything.id);
    expect(trail.map((a) => a.type)).toEqual(expect.arrayContaining(['ticket.updated', 'ticket.assigned', 'ticket.note.added', 'ticket.message.added']));
    for (const a of trail) expect(a.actor).toMatchObject({ id: `automation:${everything.id}`, role: 'automation', name: everything.name });
    await eventually(async () => expect(received.filter((r) => r.data.ticketId === ticket.id)).toHaveLength(1), EVENT_WAIT_MS, 200);
    expect(received.find((r) => r.data.ticketId === ticket.id)).toMatchObject({ type: 'ticket.automation', data: { rule: { id: everything.id } } });

    // A ticket that does not match is left alone (the `any` group fails).
    const { body: low } = await staff.post('/v1/tickets', newTicket({ subject: `all-${run} mouse`, priority: 'low', tags: ['dropme'] }));
    const dryRun = await admin.post(`/v1/automations/${everything.id}/test`, { ticketId: low.id });
    expect(dryRun.body.matched).toBe(false);
    // Left alone by the runtime too: once the creation went through every target (the rules among
    // them; the dev event log lists an event then), the ticket is as it was made.
    await eventDelivered(staff, low.id, 'ticket.created');
    expect((await detail(low.id)).tags).toEqual(['dropme']);
  });

  it('hands a ticket to a department through routing', async () => {
    const department = await admin.post('/v1/departments', { name: `Billing ${run}` });
    expect(department.status).toBe(201);
    const toBilling = await rule({
      name: `To billing ${run}`, on: ['ticket.created'],
      conditions: { all: [{ field: 'subject', op: 'contains', value: `invoice-${run}` }] },
      actions: [{ type: 'assign', departmentId: department.body.id }],
    });
    const { body: ticket } = await staff.post('/v1/tickets', newTicket({ subject: `Invoice-${run} is wrong` }));
    const view = await eventually(async () => {
      const v = await detail(ticket.id);
      expect(v.departmentId).toBe(department.body.id);
      return v;
    }, EVENT_WAIT_MS, 200);
    expect(byRule(view.activities, toBilling.id)[0]).toMatchObject({ type: 'ticket.updated', actor: { role: 'automation' } });
  });

  it('never fires a rule twice on a chain of changes it caused, and a redelivered event does nothing twice', async () => {
    // Two rules that answer each other's notes would loop for ever without the guard.
    const note = (name: string) => ({
      name: `${name} ${run}`, on: ['ticket.note.added'],
      conditions: { all: [{ field: 'subject', op: 'contains', value: `loop-${run}` }] },
      actions: [{ type: 'add_note', body: `${name} was here` }],
    });
    const ping = await rule(note('Ping'));
    const pong = await rule(note('Pong'));
    const { body: ticket } = await staff.post('/v1/tickets', newTicket({ subject: `Loop-${run}` }));
    const first = await staff.post(`/v1/tickets/${ticket.id}/messages`, { body: 'agent note', internal: true });
    expect(first.status).toBe(201);

    // Each rule answers the agent's note and the other rule's note once: four notes, chains of at most both rules.
    const view = await eventually(async () => {
      const v = await detail(ticket.id);
      expect(v.activities.filter((a: Activity) => a.data?.automation)).toHaveLength(4);
      return v;
    }, EVENT_WAIT_MS, 200);
    const chains = (view.activities as Activity[]).filter((a) => a.data?.automation).map((a) => a.data!.automation!.chain.join('>'));
    expect(chains.sort()).toEqual([ping.id, pong.id, `${ping.id}>${pong.id}`, `${pong.id}>${ping.id}`].sort());

    // The rules answered the agent's note; the event log lists it once every other target took it too.
    const agentNote = await eventDelivered(staff, ticket.id, 'ticket.note.added', (e) => e.detail.actor.role !== 'automation');
    expect((await staff.post(`/v1/dev/events/${agentNote.detail.id}/redeliver`)).status).toBe(202);
    // The local runtime answers once every rule target has handled the event again: the rules wrote nothing new.
    const after = await detail(ticket.id);
    expect(after.activities.filter((a: Activity) => a.data?.automation)).toHaveLength(4);
    expect(after.version).toBe(view.version);
  });

  it('dry-runs a rule on a ticket: the conditions that held and what each action would do, writing nothing', async () => {
    const candidate = await rule({
      // Disabled: a dry run works on a rule that never runs by itself.
      name: `Dry ${run}`, enabled: false, on: ['ticket.updated'],
      conditions: { all: [{ field: 'subject', op: 'contains', value: `DRY-${run}` }, { field: 'priority', op: 'gt', value: 'low' }] },
      actions: [{ type: 'set', field: 'status', value: 'in_progress' }, { type: 'add_tags', tags: ['dry'] }, { type: 'add_note', body: 'would note' }],
    });
    const { body: ticket } = await staff.post('/v1/tickets', newTicket({ subject: `dry-${run}`, priority: 'medium' }));
    const res = await admin.post(`/v1/automations/${candidate.id}/test`, { ticketId: ticket.id });
    expect(res.status).toBe(200);
    expect(res.body.matched).toBe(true);
    expect(res.body.conditions).toEqual([
      expect.objectContaining({ field: 'subject', matched: true }),
      expect.objectContaining({ field: 'priority', actual: 'medium', matched: true }),
    ]);
    expect(res.body.actions[0]).toMatchObject({ type: 'set', changes: { status: { from: 'new', to: 'in_progress' } } });
    expect(res.body.actions[1]).toMatchObject({ type: 'add_tags', changes: { tags: { from: [], to: ['dry'] } } });
    expect(res.body.actions[2].description).toMatch(/internal note/);
    const view = await detail(ticket.id);
    expect(view).toMatchObject({ status: 'new', tags: [] });
    expect(view.activities.filter((a: Activity) => a.data?.automation)).toEqual([]);
    expect((await agent.post(`/v1/automations/${candidate.id}/test`, { ticketId: ticket.id })).status).toBe(403);
    expect((await admin.post(`/v1/automations/${candidate.id}/test`, { ticketId: 'nope' })).status).toBe(404);
  });

  it('runs a time-based rule from the ticket\'s one automation timer when the dev clock passes the idle time', async () => {
    const idle = await rule({
      name: `Idle ${run}`,
      conditions: { all: [{ field: 'hoursSinceUpdate', op: 'gt', value: 0.05 }, { field: 'tags', op: 'contains', value: `idle-${run}` }] },
      actions: [{ type: 'add_tags', tags: ['stale'] }],
    });
    const { body: ticket } = await staff.post('/v1/tickets', newTicket({ subject: 'Waiting', tags: [`idle-${run}`] }));
    const timer = await eventually(async () => {
      const pending = (await staff.get(`/v1/dev/schedules?ticketId=${ticket.id}`)).body.pending as { name: string; at: string }[];
      const found = pending.filter((s) => s.name.startsWith('au-'));
      expect(found).toHaveLength(1);
      return found[0];
    }, EVENT_WAIT_MS, 200);
    expect(Date.parse(timer.at)).toBeGreaterThan(Date.parse(ticket.updatedAt));
    await admin.post('/v1/dev/clock', { seconds: 4 * 60 });
    const view = await eventually(async () => {
      const v = await detail(ticket.id);
      expect(v.tags).toContain('stale');
      return v;
    }, 90_000, 250);
    expect(byRule(view.activities, idle.id)[0]).toMatchObject({ type: 'ticket.updated', actor: { role: 'automation', name: idle.name } });
  });
});
