import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api, newTicket } from '../support/http-client';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';

interface TeamOrg {
  tokens: Record<'admin' | 'supervisor' | 'agent' | 'agent2' | 'customer', string>;
  users: Record<'customer', { email: string }>;
}
const team = inject('runtime').teamOrg as TeamOrg;
const admin = api(team.tokens.admin);
const agent = api(team.tokens.agent);
const customer = api(team.tokens.customer);
const run = randomUUID().slice(0, 6);
const pointers = (res: { body: { errors?: { pointer: string }[] } }) => (res.body.errors ?? []).map((e) => e.pointer);

describe('categories, custom fields, ticket types and canned replies (team organization)', () => {
  it('keeps a two-level category tree; tickets must name an existing category; one in use is deleted only once archived', async () => {
    const parent = await admin.post('/v1/categories', { id: `hw-${run}`, name: 'Hardware' });
    expect(parent.status).toBe(201);
    const child = await admin.post('/v1/categories', { name: `Printers ${run}`, parentId: parent.body.id });
    expect(child.body).toMatchObject({ id: `printers-${run}`, parentId: parent.body.id });
    expect((await admin.post('/v1/categories', { name: 'Too deep', parentId: child.body.id })).status).toBe(422);
    expect((await admin.post('/v1/categories', { id: `hw-${run}`, name: 'Again' })).status).toBe(409);
    expect((await agent.post('/v1/categories', { name: 'Nope' })).status).toBe(403);

    const unknown = await agent.post('/v1/tickets', newTicket({ category: `nope-${run}` }));
    expect(unknown.status).toBe(422);
    expect(pointers(unknown)).toEqual(['#/category']);
    const ticket = await agent.post('/v1/tickets', newTicket({ category: child.body.id }));
    expect(ticket.status).toBe(201);
    expect(ticket.body.category).toBe(child.body.id);

    await eventually(async () => expect((await admin.get(`/v1/categories/${child.body.id}`)).body.ticketCount).toBe(1), EVENT_WAIT_MS, 250);
    expect((await admin.delete(`/v1/categories/${parent.body.id}`)).status).toBe(409);
    const inUse = await admin.delete(`/v1/categories/${child.body.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.type).toMatch(/team-conflict$/);
    expect((await admin.patch(`/v1/categories/${child.body.id}`, { archived: true })).body.archived).toBe(true);
    expect((await agent.post('/v1/tickets', newTicket({ category: child.body.id }))).status).toBe(422);
    expect((await admin.delete(`/v1/categories/${child.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/v1/categories/${parent.body.id}`)).status).toBe(204);
  });

  it('validates ticket custom fields against their definitions (400 with pointers) and shows customers only visible ones', async () => {
    const cat = (await admin.post('/v1/categories', { id: `fields-${run}`, name: 'Fields' })).body;
    const field = (body: Record<string, unknown>) => admin.post('/v1/custom-fields', body);
    expect((await field({ key: `sev${run}`, label: 'Severity', type: 'select', options: ['s1', 's2'], required: true, categoryIds: [cat.id] })).status).toBe(201);
    expect((await field({ key: `seats${run}`, label: 'Seats', type: 'number', visibleToCustomer: true })).status).toBe(201);
    expect((await field({ key: `note${run}`, label: 'Internal note', type: 'text' })).status).toBe(201);
    expect((await field({ key: `os${run}`, label: 'OS', type: 'multiselect' })).status).toBe(400);
    expect((await field({ key: `seats${run}`, label: 'Again', type: 'text' })).status).toBe(409);

    const bad = await agent.post('/v1/tickets', newTicket({
      category: cat.id, customFields: { [`seats${run}`]: 'many', [`ghost${run}`]: 1 },
    }));
    expect(bad.status).toBe(400);
    expect(pointers(bad).sort()).toEqual([`#/customFields/ghost${run}`, `#/customFields/seats${run}`, `#/customFields/sev${run}`].sort());
    const option = await agent.post('/v1/tickets', newTicket({ category: cat.id, customFields: { [`sev${run}`]: 's9' } }));
    expect(pointers(option)).toEqual([`#/customFields/sev${run}`]);

    const good = await agent.post('/v1/tickets', newTicket({
      category: cat.id, type: 'incident', requester: { email: team.users.customer.email },
      customFields: { [`sev${run}`]: 's1', [`seats${run}`]: 12, [`note${run}`]: 'VIP' },
    }));
    expect(good.status).toBe(201);
    const seen = await customer.get(`/v1/tickets/${good.body.id}`);
    expect(seen.body.customFields).toEqual({ [`seats${run}`]: 12 });
    expect((await customer.get('/v1/custom-fields')).body.items.map((f: { key: string }) => f.key)).not.toContain(`note${run}`);

    const typed = await agent.get('/v1/tickets?type=incident&limit=100');
    expect(typed.body.items.map((t: { id: string }) => t.id)).toContain(good.body.id);
    expect(typed.body.items.every((t: { type: string }) => t.type === 'incident')).toBe(true);
    expect((await agent.get('/v1/tickets?type=bogus')).status).toBe(400);
  });

  it('renders canned replies into messages, searches them, and names an unknown variable in a 422', async () => {
    const reply = await agent.post('/v1/canned-replies', {
      title: `Welcome ${run}`, shortcut: `w${run}`,
      body: 'Hi {{requester.name}}, {{agent.name}} of {{organization.name}} here about {{ticket.number}}: {{ ticket.subject }}',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.variables).toEqual(['requester.name', 'agent.name', 'organization.name', 'ticket.number', 'ticket.subject']);
    const broken = await agent.post('/v1/canned-replies', { title: `Broken ${run}`, body: 'Dear {{customer.title}} {{requester.name}}' });
    const priv = await agent.post('/v1/canned-replies', { title: `Private ${run}`, body: 'mine', shared: false });

    const found = await agent.get(`/v1/canned-replies?q=${encodeURIComponent(`welcome ${run}`)}`);
    expect(found.body.items.map((r: { id: string }) => r.id)).toEqual([reply.body.id]);
    expect((await agent.get(`/v1/canned-replies?q=w${run}`)).body.items).toHaveLength(1);
    expect((await api(team.tokens.agent2).get(`/v1/canned-replies?q=${run}`)).body.items.map((r: { id: string }) => r.id)).not.toContain(priv.body.id);
    expect((await customer.get('/v1/canned-replies')).status).toBe(403);

    const ticket = (await agent.post('/v1/tickets', newTicket({ subject: 'Printer jam', requester: { name: 'Carla', email: 'carla@example.com' } }))).body;
    const message = await agent.post(`/v1/tickets/${ticket.id}/messages`, { cannedReplyId: reply.body.id });
    expect(message.status).toBe(201);
    expect(message.body.body).toBe(`Hi Carla, Tess Agent of Team Lab here about ${ticket.number}: Printer jam`);

    const unknown = await agent.post(`/v1/tickets/${ticket.id}/messages`, { cannedReplyId: broken.body.id });
    expect(unknown.status).toBe(422);
    expect(unknown.body.variables).toEqual(['customer.title']);
    expect(unknown.body.detail).toContain('{{customer.title}}');
    expect((await agent.post(`/v1/tickets/${ticket.id}/messages`, { cannedReplyId: reply.body.id, body: 'both' })).status).toBe(400);
    expect((await agent.post(`/v1/tickets/${ticket.id}/messages`, { cannedReplyId: 'nope' })).status).toBe(404);
  });
});
