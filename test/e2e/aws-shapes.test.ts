import WebSocket from 'ws';
import { describe, expect, inject, it } from 'vitest';
import { api, newTicket } from '../support/http-client';

/**
 * The request shapes AWS hands the HTTP functions, through the local gateway that builds the
 * same API Gateway v2 events (test/integration/handlers/aws-http-events.test.ts feeds the
 * functions the real AWS payloads): repeated query keys joined with commas, binary bodies
 * base64-encoded, header names in any case, `+json` types, an absent body.
 */
const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);

describe('AWS request shapes over real HTTP', () => {
  it('a repeated query key is one comma-joined value: refused by name where the route takes one', async () => {
    const res = await agent.get('/v1/tickets?status=open&status=pending');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.errors.map((e: { parameter: string }) => e.parameter)).toEqual(['status']);
    expect((await agent.get('/v1/tickets?status=open&limit=5')).status).toBe(200);
  });

  // That nothing is stored is checked on DynamoDB Local in the integration test: here other files share the organization.
  it('a binary body (base64 in the event) is a 415 and an absent one a 400', async () => {
    const binary = await agent.post('/v1/tickets', Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('latin1'), { 'content-type': 'application/octet-stream' });
    expect([binary.status, binary.headers.get('content-type')]).toEqual([415, 'application/problem+json']);
    const empty = await agent.post('/v1/tickets', undefined, { 'content-type': 'application/json' });
    expect([empty.status, empty.body.type]).toEqual([400, expect.stringContaining('malformed-json')]);
  });

  it('a +json type with header names in any case and an Idempotency-Key creates one ticket', async () => {
    const key = `aws-shapes-${Date.now()}`;
    const headers = { 'CONTENT-TYPE': 'application/vnd.helpdesk+json; charset=UTF-8', 'Idempotency-KEY': key };
    const first = await agent.post('/v1/tickets', JSON.stringify(newTicket({ subject: 'AWS shapes' })), headers);
    expect(first.status).toBe(201);
    const again = await agent.post('/v1/tickets', JSON.stringify(newTicket({ subject: 'AWS shapes' })), headers);
    expect(again.body.id).toBe(first.body.id);
  });

  it('a WebSocket $connect with the token in Authorization: Bearer connects; a forged one is refused with 401', async () => {
    const open = (authorization: string) => new Promise<{ socket?: WebSocket; status?: number }>((resolve) => {
      const socket = new WebSocket(String(runtime.wsUrl), { headers: { Authorization: authorization } });
      socket.once('open', () => resolve({ socket }));
      socket.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
      socket.once('error', () => resolve({}));
    });
    const ok = await open(`Bearer ${runtime.tokens.agent}`);
    expect(ok.socket).toBeDefined();
    const pong = new Promise<{ type: string }>((resolve) => ok.socket!.once('message', (data) => resolve(JSON.parse(data.toString()))));
    ok.socket!.send('{"action":"ping"}');
    expect((await pong).type).toBe('pong');
    ok.socket!.close();
    expect((await open('Bearer eyJa.eyJb.forged')).status).toBe(401);
  });
});
