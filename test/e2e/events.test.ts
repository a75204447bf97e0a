import { describe, expect, inject, it } from 'vitest';
import { api, newTicket } from '../support/http-client';
import { eventually } from '../support/eventually';

const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);
const admin = api(runtime.tokens.admin);

describe('the outbox: activities become bus events through the table stream', () => {
  it('delivers each state change as a versioned event carrying the ticket snapshot, once', async () => {
    const { body: ticket } = await agent.post('/v1/tickets', newTicket());
    await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'secret', internal: true });
    await agent.patch(`/v1/tickets/${ticket.id}`, { status: 'in_progress' }, { 'if-match': '"2"' });
    const events = await eventually(async () => {
      const { body } = await agent.get(`/v1/dev/events?ticketId=${ticket.id}`);
      expect(body.items).toHaveLength(3);
      return body.items;
    });
    expect(events.map((e: { 'detail-type': string }) => e['detail-type'])).toEqual(['ticket.created', 'ticket.note.added', 'ticket.status.changed']);
    expect(events[0]).toMatchObject({
      source: 'helpdesk.tickets',
      detail: { version: '1', type: 'ticket.created', orgId: runtime.orgId, ticketId: ticket.id, ticket: { number: ticket.number, status: 'new' } },
    });
    expect(events[1].detail.internal).toBe(true);
    expect(events[2].detail).toMatchObject({ changes: { status: { from: 'new', to: 'in_progress' } }, ticketVersion: 3 });
  });

  it('keeps events of one organization away from another', async () => {
    const { body: ticket } = await agent.post('/v1/tickets', newTicket());
    await eventually(async () => expect((await agent.get(`/v1/dev/events?ticketId=${ticket.id}`)).body.items).toHaveLength(1));
    const other = await api(runtime.otherOrg.tokens.agent).get(`/v1/dev/events?ticketId=${ticket.id}`);
    expect(other.body.items).toEqual([]);
  });

  it('lets a developer move the local clock forward, never back', async () => {
    const before = (await agent.get('/v1/dev/clock')).body;
    const after = (await admin.post('/v1/dev/clock', { seconds: 60 })).body;
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(60_000);
    expect((await admin.post('/v1/dev/clock', { seconds: -5 })).status).toBe(400);
  });
});
