import { describe, expect, inject, it } from 'vitest';
import { api, newTicket } from '../support/http-client';

const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);
const customer = api(runtime.tokens.customer);
const staffIds = ['admin', 'supervisor', 'agent', 'agent2'].map((key) => runtime.users[key]!.id);

describe('a customer reading their ticket', () => {
  it('gets staff by name and role, never by id: not as assignee, author, actor or resolver', async () => {
    const created = await agent.post('/v1/tickets', newTicket({ requester: { name: 'Carla', email: runtime.users.customer!.email } }));
    const path = `/v1/tickets/${created.body.id}`;
    await agent.post(`${path}/messages`, { body: 'Looking into it' });
    const assigned = await agent.patch(path, { assigneeId: runtime.users.agent2!.id, status: 'in_progress' }, { 'if-match': '"2"' });
    expect(assigned.status).toBe(200);
    const resolved = await agent.patch(path, { status: 'resolved', resolution: 'Cleared the cache' }, { 'if-match': `"${assigned.body.version}"` });
    expect(resolved.status).toBe(200);

    const seen = await customer.get(path);
    expect(seen.status).toBe(200);
    const text = JSON.stringify(seen.body);
    for (const id of staffIds) expect(text).not.toContain(id);
    expect(seen.body.assigneeId).toBeNull();
    expect(seen.body.resolution).toMatchObject({ text: 'Cleared the cache', by: 'staff' });
    expect(seen.body.messages[0].author).toMatchObject({ id: 'staff', name: 'Alex Agent', role: 'agent' });
    const listed = await customer.get('/v1/tickets?limit=100');
    for (const id of staffIds) expect(JSON.stringify(listed.body)).not.toContain(id);

    // Staff still see who did what.
    const staffView = await agent.get(path);
    expect(staffView.body.assigneeId).toBe(runtime.users.agent2!.id);
    expect(staffView.body.messages[0].author.id).toBe(runtime.users.agent!.id);
  });
});
