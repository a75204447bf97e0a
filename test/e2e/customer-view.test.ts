import { afterAll, describe, expect, inject, it } from 'vitest';
import { api, newTicket } from '../support/http-client';
import { WsClient } from '../support/ws-client';

const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);
const customer = api(runtime.tokens.customer);
const staffIds = Object.values(runtime.users).filter((u) => u.role !== 'customer').map((u) => u.id);
const clients: WsClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

/** Every staff id that occurs anywhere in what a customer received. */
const staffIdsIn = (value: unknown) => staffIds.filter((id) => JSON.stringify(value).includes(id));

describe('what a customer sees of staff', () => {
  it('names, never ids: the ticket views, its thread and its real-time frames', async () => {
    const { body: created } = await agent.post('/v1/tickets', newTicket({
      requester: { name: 'Cust', email: runtime.users.customer.email }, assigneeId: runtime.users.agent.id,
    }));
    const ticketId = created.id as string;
    const watcher = await WsClient.open(runtime.tokens.customer);
    clients.push(watcher);
    await watcher.request({ action: 'subscribe', ticketId }, 'subscribed');
    await watcher.request({ action: 'viewing', ticketId, state: 'start' }, 'presence');
    const staff = await WsClient.open(runtime.tokens.agent);
    clients.push(staff);
    await staff.request({ action: 'subscribe', ticketId }, 'subscribed');
    staff.send({ action: 'viewing', ticketId, state: 'start' });
    staff.send({ action: 'typing', ticketId, state: 'start' });
    await watcher.next((f) => f.type === 'typing');

    expect((await agent.post(`/v1/tickets/${ticketId}/messages`, { body: 'We are on it.' })).status).toBe(201);
    let version = (await agent.get(`/v1/tickets/${ticketId}`)).body.version;
    const assigned = await agent.patch(`/v1/tickets/${ticketId}`, { assigneeId: runtime.users.agent2.id }, { 'if-match': `"${version}"` });
    expect(assigned.status).toBe(200);
    version = assigned.body.version;
    const resolved = await agent.patch(`/v1/tickets/${ticketId}`, { status: 'resolved', resolution: 'Replaced the toner.' }, { 'if-match': `"${version}"` });
    expect(resolved.status).toBe(200);
    await watcher.next((f) => f.type === 'ticket.status.changed');

    // Staff keep the ids.
    const staffView = (await agent.get(`/v1/tickets/${ticketId}`)).body;
    expect(staffView).toMatchObject({ assigneeId: runtime.users.agent2.id, resolution: { by: runtime.users.agent.id } });

    const detail = (await customer.get(`/v1/tickets/${ticketId}`)).body;
    const byNumber = (await customer.get(`/v1/tickets/by-number/${created.number}`)).body;
    const list = (await customer.get('/v1/tickets?limit=100')).body;
    expect(detail).toMatchObject({ assigneeId: null, assigneeName: 'Bea Agent', resolution: { text: 'Replaced the toner.', by: 'Alex Agent' } });
    expect(detail.messages.find((m: { body: string }) => m.body === 'We are on it.').author).toEqual({ name: 'Alex Agent', role: 'agent' });
    expect(staffIdsIn(detail)).toEqual([]);
    expect(staffIdsIn(byNumber)).toEqual([]);
    expect(staffIdsIn(list)).toEqual([]);
    expect(watcher.frames.map((f) => f.type)).toEqual(expect.arrayContaining(['typing', 'presence', 'ticket.message.added', 'ticket.assigned', 'ticket.status.changed']));
    expect(staffIdsIn(watcher.frames)).toEqual([]);
  });
});
