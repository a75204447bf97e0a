import { describe, expect, inject, it } from 'vitest';
import { allPages, api, newTicket } from '../support/http-client';

const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);
const agent2 = api(runtime.tokens.agent2);
const customer = api(runtime.tokens.customer);
const customer2 = api(runtime.tokens.customer2);
const otherAgent = api(runtime.otherOrg.tokens.agent);

describe('tickets over HTTP in the local runtime', () => {
  it('creates a ticket: 201, Location, ETag, number, and reads it back with its thread', async () => {
    const created = await agent.post('/v1/tickets', newTicket({ tags: ['login'], customFields: { plan: 'pro' } }));
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/tickets/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      number: expect.stringMatching(/^TKT-\d{4}-\d{6}$/), status: 'new', priority: 'high',
      requester: { name: 'Carla Customer', email: 'carla@example.com' }, assigneeId: null,
    });
    const read = await agent.get(created.headers.get('location')!);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created.body.id, messages: [], activities: [{ type: 'ticket.created' }] });
    const byNumber = await customer.get(`/v1/tickets/by-number/${created.body.number}`);
    expect(byNumber.body.id).toBe(created.body.id);
  });

  it('gives 50 parallel creates 50 distinct consecutive numbers', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => agent.post('/v1/tickets', newTicket({ subject: `Burst ${i}` }))));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = results.map((r) => Number(r.body.number.slice(-6))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(50);
    expect(numbers[49] - numbers[0]).toBe(49);
  });

  it('lets exactly one of 20 parallel If-Match updates of one version win', async () => {
    const { body: ticket } = await agent.post('/v1/tickets', newTicket());
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => agent.patch(`/v1/tickets/${ticket.id}`, { subject: `Edit ${i}` }, { 'if-match': '"1"' })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    const after = await agent.get(`/v1/tickets/${ticket.id}`);
    expect(after.headers.get('etag')).toBe('"2"');
    expect(after.body.activities.filter((a: { type: string }) => a.type === 'ticket.updated')).toHaveLength(1);
  });

  it('walks the status machine: 428 without If-Match, 409 with allowed statuses, resolution recorded', async () => {
    const { body: ticket } = await agent.post('/v1/tickets', newTicket());
    const path = `/v1/tickets/${ticket.id}`;
    expect((await agent.patch(path, { status: 'open' })).status).toBe(428);
    const opened = await agent.patch(path, { status: 'open', assigneeId: runtime.users.agent2.id }, { 'if-match': '"1"' });
    expect(opened.body).toMatchObject({ status: 'open', assigneeId: runtime.users.agent2.id });
    const illegal = await agent.patch(path, { status: 'new' }, { 'if-match': opened.headers.get('etag')! });
    expect(illegal.status).toBe(409);
    expect(illegal.headers.get('content-type')).toBe('application/problem+json');
    expect(illegal.body).toMatchObject({ type: expect.stringContaining('illegal-transition'), from: 'open', to: 'new', allowed: expect.arrayContaining(['in_progress', 'resolved']) });
    const noResolution = await agent.patch(path, { status: 'resolved' }, { 'if-match': opened.headers.get('etag')! });
    expect(noResolution.status).toBe(422);
    const resolved = await agent2.patch(path, { status: 'resolved', resolution: 'Cleared the session store' }, { 'if-match': opened.headers.get('etag')! });
    expect(resolved.body.resolution).toMatchObject({ text: 'Cleared the session store', by: runtime.users.agent2.id, at: expect.any(String) });
    const customerPatch = await customer.patch(path, { status: 'open' }, { 'if-match': resolved.headers.get('etag')! });
    expect(customerPatch.status).toBe(403);
  });

  it('assigns within the organization only, escalates by tier, and lists the unassigned queue', async () => {
    const { body: ticket } = await agent.post('/v1/tickets', newTicket({ subject: 'Queue me' }));
    // Every page: the shared demo organization's queue holds other files' tickets, and SLA timers
    // firing on them (after any file's clock move) put them ahead in update order.
    const unassigned = await allPages<{ id: string }>(agent, '/v1/tickets?assigneeId=unassigned');
    expect(unassigned.map((t) => t.id)).toContain(ticket.id);
    const foreign = await agent.patch(`/v1/tickets/${ticket.id}`, { assigneeId: 'org_other-agent' }, { 'if-match': '"1"' });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ pointer: '#/assigneeId' })]);
    const escalated = await agent.post(`/v1/tickets/${ticket.id}/escalation`, { tier: 2, reason: 'Key account' });
    expect(escalated.body.escalation).toMatchObject({ tier: 2, escalated: true, reason: 'Key account' });
    expect(escalated.body.status).toBe('new');
  });

  it('keeps internal notes from customers everywhere, and sets firstResponseAt on the first public reply', async () => {
    const { body: ticket } = await customer.post('/v1/tickets', { subject: 'Refund', description: 'Please refund order 42' });
    expect(ticket.requester.email).toBe(runtime.users.customer.email);
    const note = await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Customer is on the naughty list', internal: true });
    expect(note.status).toBe(201);
    const reply = await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Refund issued.' });
    expect(reply.body).toMatchObject({ internal: false, author: { role: 'agent' } });
    const staffView = await agent.get(`/v1/tickets/${ticket.id}`);
    expect(staffView.body).toMatchObject({ messageCount: 1, noteCount: 1, firstResponseAt: reply.body.createdAt });
    const view = await customer.get(`/v1/tickets/${ticket.id}`);
    expect(view.body.messages.map((m: { body: string }) => m.body)).toEqual(['Refund issued.']);
    expect(JSON.stringify(view.body)).not.toContain('naughty');
    expect(view.body.noteCount).toBeUndefined();
    const list = await customer.get('/v1/tickets?limit=100');
    expect(JSON.stringify(list.body)).not.toMatch(/naughty|noteCount/);
    const sneaky = await customer.post(`/v1/tickets/${ticket.id}/messages`, { body: 'x', internal: true });
    expect(sneaky.status).toBe(403);
  });

  it('shows customers only their tickets and other organizations nothing (404, never 403)', async () => {
    const { body: ticket } = await customer.post('/v1/tickets', { subject: 'Mine', description: 'Only mine' });
    expect((await customer2.get(`/v1/tickets/${ticket.id}`)).status).toBe(404);
    const foreign = await otherAgent.get(`/v1/tickets/${ticket.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.type).toContain('not-found');
    expect((await otherAgent.get(`/v1/tickets/by-number/${ticket.number}`)).status).toBe(404);
    expect((await otherAgent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'hi' })).status).toBe(404);
    const otherList = await otherAgent.get('/v1/tickets?limit=100');
    expect(otherList.body.items.map((t: { id: string }) => t.id)).not.toContain(ticket.id);
    const customer2List = await customer2.get('/v1/tickets?limit=100');
    expect(customer2List.body.items.every((t: { requester: { email: string } }) => t.requester.email === runtime.users.customer2.email)).toBe(true);
  });

  it('bulk-updates up to 100 tickets and reports each outcome', async () => {
    const a = (await agent.post('/v1/tickets', newTicket({ tags: ['old'] }))).body;
    const b = (await agent.post('/v1/tickets', newTicket())).body;
    const foreign = (await otherAgent.post('/v1/tickets', newTicket())).body;
    const result = await agent.post('/v1/tickets/bulk', {
      ticketIds: [a.id, b.id, foreign.id],
      changes: { priority: 'urgent', addTags: ['bulk'], removeTags: ['old'], assigneeId: runtime.users.agent.id },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ succeeded: 2, failed: 1 });
    expect(result.body.results[0].ticket).toMatchObject({ priority: 'urgent', tags: ['bulk'], assigneeId: runtime.users.agent.id });
    expect(result.body.results[2]).toMatchObject({ ticketId: foreign.id, status: 404, problem: { type: expect.stringContaining('not-found') } });
    const tooMany = await agent.post('/v1/tickets/bulk', { ticketIds: Array.from({ length: 2001 }, (_, i) => `t${i}`), changes: { priority: 'low' } });
    expect(tooMany.status).toBe(400);
  });

  it('serves an OpenAPI 3.1 document generated from the schemas', async () => {
    const doc = await api().get('/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/tickets', '/v1/tickets/{ticketId}', '/v1/tickets/{ticketId}/messages']));
    expect(doc.body.components.schemas.CreateTicketBody.properties.priority).toBeDefined();
  });
});
