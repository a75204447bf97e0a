import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api, newTicket } from '../support/http-client';

// The requester's phone is validated (libphonenumber-js) in schemas/ticket-create.ts, which only
// the route groups taking a requester bundle: both routes still check it, over HTTP.
const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);

const chat = (requester: Record<string, unknown>) => ({
  chatId: `chat-${randomUUID()}`,
  transcript: [{ role: 'customer', at: '2026-11-29T09:05:00Z', text: 'Please call me back' }],
  requester,
});

describe('a requester\'s phone', () => {
  it('is stored when it is a valid international number (create and chat)', async () => {
    const email = `phone-${randomUUID()}@example.com`;
    const created = await agent.post('/v1/tickets', newTicket({ requester: { email, phone: '+4915112345678' } }));
    expect(created.status).toBe(201);
    expect(created.body.requester).toMatchObject({ email, phone: '+4915112345678' });
    const fromChat = await agent.post('/v1/tickets/from-chat', chat({ email, phone: '+14155552671' }));
    expect(fromChat.status).toBe(201);
    expect(fromChat.body.requester).toMatchObject({ email, phone: '+14155552671' });
  });

  it('that is no phone number gets a 400 problem naming it, and nothing is stored', async () => {
    const email = `bad-phone-${randomUUID()}@example.com`;
    for (const [path, body] of [
      ['/v1/tickets', newTicket({ requester: { email, phone: '+49123' } })],
      ['/v1/tickets/from-chat', chat({ email, phone: 'call me maybe' })],
    ] as const) {
      const res = await agent.post(path, body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body.errors).toEqual([{ pointer: '#/requester/phone', detail: 'not a valid international phone number (E.164, e.g. +4915112345678)' }]);
    }
    const listed = await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(email)}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
  });
});
