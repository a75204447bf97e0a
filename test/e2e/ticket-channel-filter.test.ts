import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api, newTicket } from '../support/http-client';

const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);

describe('GET /v1/tickets?channel=', () => {
  it('lists only the tickets that came in on that channel', async () => {
    const tag = `chan-${randomUUID().slice(0, 8)}`;
    const created = await agent.post('/v1/tickets', newTicket({ tags: [tag] }));
    expect(created.status).toBe(201);
    expect(created.body.channel).toBe('api');
    const viaApi = await agent.get(`/v1/tickets?tag=${tag}&channel=api`);
    expect(viaApi.body.items.map((t: { id: string }) => t.id)).toEqual([created.body.id]);
    const viaEmail = await agent.get(`/v1/tickets?tag=${tag}&channel=email`);
    expect(viaEmail.body.items).toEqual([]);
  });

  it('refuses a value that is no channel name with a problem naming the parameter', async () => {
    const res = await agent.get('/v1/tickets?channel=NOT%20A%20CHANNEL');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ parameter: 'channel' })]);
  });
});
