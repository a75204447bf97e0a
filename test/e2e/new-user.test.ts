import { describe, expect, inject, it } from 'vitest';
import { api, newTicket } from '../support/http-client';

const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);

describe('what a new user reads in problem details', () => {
  it('a 403 is a sentence naming who may call the route, not its summary pasted in', async () => {
    const res = await api(runtime.tokens.customer).get('/v1/dev/outbox');
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe('GET /v1/dev/outbox is open to the admin, supervisor and agent roles only; this token has the customer role.');
    const clock = await api(runtime.tokens.agent).post('/v1/dev/clock', { seconds: 1 });
    expect(clock.body.detail).toBe('POST /v1/dev/clock is open to the admin role only; this token has the agent role.');
  });

  it('a bad cursor is reported by `parameter`, as every query error is', async () => {
    const res = await agent.get('/v1/tickets?cursor=not-a-cursor');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ parameter: 'cursor', detail: expect.any(String) }]);
    const limit = await agent.get('/v1/tickets?limit=0');
    expect(Object.keys(limit.body.errors[0])).toContain('parameter');
  });

  it('a body over the gateway limit and one over the API limit share one problem type', async () => {
    const overApi = await agent.post('/v1/tickets', JSON.stringify(newTicket({ description: 'x'.repeat(2 * 1024 * 1024) })), { 'content-type': 'application/json' });
    const overGateway = await agent.post('/v1/tickets', JSON.stringify(newTicket({ description: 'x'.repeat(11 * 1024 * 1024) })), { 'content-type': 'application/json' });
    expect([overApi.status, overGateway.status]).toEqual([413, 413]);
    expect(overGateway.headers.get('content-type')).toBe('application/problem+json');
    expect(overGateway.body.type).toBe(overApi.body.type);
    expect(overApi.body.type).toBe('https://helpdesk.dev/problems/payload-too-large');
    expect(overGateway.body.title).toBe(overApi.body.title);
  });
});
