import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api, newTicket } from '../support/http-client';

const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);

describe('Idempotency-Key on creating POSTs', () => {
  it('returns the first result for the same key and body, and creates once', async () => {
    const key = randomUUID();
    // A requester of its own: the list below then holds every ticket it has, not a page of the
    // shared seeded customer's hundreds.
    const email = `idem-${key.slice(0, 8)}@example.com`;
    const body = newTicket({ subject: `Idem ${key}`, requester: { name: 'Ida Idem', email } });
    const first = await agent.post('/v1/tickets', body, { 'idempotency-key': key });
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(body).reverse()));
    const second = await agent.post('/v1/tickets', reordered, { 'idempotency-key': key, 'content-type': 'application/json' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const list = await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(email)}&limit=100`);
    expect(list.body.items.filter((t: { subject: string }) => t.subject === `Idem ${key}`)).toHaveLength(1);
    expect(list.body.items).toHaveLength(1);
  });

  it('answers 422 for the same key with another body', async () => {
    const key = randomUUID();
    await agent.post('/v1/tickets', newTicket(), { 'idempotency-key': key });
    const other = await agent.post('/v1/tickets', newTicket({ subject: 'Something else' }), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.type).toContain('idempotency-key-reused');
  });

  it('scopes keys to the caller: the same key from another organization is a new request', async () => {
    const key = randomUUID();
    const mine = await agent.post('/v1/tickets', newTicket(), { 'idempotency-key': key });
    const theirs = await api(runtime.otherOrg.tokens.agent).post('/v1/tickets', newTicket(), { 'idempotency-key': key });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('does not remember failures: a corrected retry with the same key goes through', async () => {
    const key = randomUUID();
    const bad = await agent.post('/v1/tickets', { subject: 'x' }, { 'idempotency-key': key });
    expect(bad.status).toBe(400);
    const good = await agent.post('/v1/tickets', newTicket(), { 'idempotency-key': key });
    expect(good.status).toBe(201);
  });
});
