import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type CryptoKey, type JWK, generateKeyPair, importJWK } from "jose";
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signToken } from '../../bin/local/local-tokens';
import { eventually } from '../support/eventually';
import { api, newTicket } from '../support/http-client';

const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);
const identity = { sub: runtime.users.agent.id, email: runtime.users.agent.email, name: 'Alex', role: 'agent', orgId: runtime.orgId };

describe('bad input gets a precise 4xx problem and changes nothing', () => {
  let ticket: { id: string; number: string };
  let before: string;
  beforeAll(async () => {
    ticket = (await agent.post('/v1/tickets', newTicket({ subject: 'Target of bad input' }))).body;
    // The assistant stores its suggestion on a new ticket shortly after: snapshot once it has.
    before = await eventually(async () => {
      const { body } = await agent.get(`/v1/tickets/${ticket.id}`);
      expect(body.assist).toBeDefined();
      return JSON.stringify(body);
    }, 120_000); // behind whatever the files before this one left on the shared runtime's bus
  }, 150_000);
  const expectProblem = (res: { status: number; headers: Headers; body: { status: number; type: string } }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.status).toBe(status);
    expect(res.body.type).toMatch(/^https:\/\/|^about:blank$/);
  };

  it('malformed JSON → 400', async () => {
    expectProblem(await agent.post('/v1/tickets', '{"subject": "x",', { 'content-type': 'application/json' }), 400);
  });

  it('wrong content type → 415', async () => {
    expectProblem(await agent.post('/v1/tickets', 'subject=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
  });

  it('unknown, mistyped and over-long fields → 400 naming each', async () => {
    const res = await agent.post('/v1/tickets', { ...newTicket(), subject: 'x'.repeat(300), priority: 7, colour: 'red', requester: { email: 'not-an-email' } });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['#/colour', '#/priority', '#/requester/email', '#/subject']);
  });

  it('a body over 1 MB → 413', async () => {
    expectProblem(await agent.post('/v1/tickets', newTicket({ description: 'x'.repeat(1_100_000) })), 413);
  });

  it('a bad cursor, limit or status → 400', async () => {
    expectProblem(await agent.get('/v1/tickets?cursor=eyJmIjoiZm9vIn0'), 400);
    expectProblem(await agent.get('/v1/tickets?cursor=%%%'), 400);
    expectProblem(await agent.get('/v1/tickets?limit=0'), 400);
    const status = await agent.get('/v1/tickets?status=on_fire');
    expectProblem(status, 400);
    expect(status.body.errors[0].parameter).toBe('status');
  });

  it('an unknown status in a PATCH → 400; a stale ETag → 412', async () => {
    expectProblem(await agent.patch(`/v1/tickets/${ticket.id}`, { status: 'on_fire' }, { 'if-match': '"1"' }), 400);
    expectProblem(await agent.patch(`/v1/tickets/${ticket.id}`, { priority: 'low' }, { 'if-match': '"99"' }), 412);
  });

  it('ids of other organizations and malformed ids → 404 / 400', async () => {
    expectProblem(await api(runtime.otherOrg.tokens.admin).patch(`/v1/tickets/${ticket.id}`, { priority: 'low' }, { 'if-match': '"1"' }), 404);
    expectProblem(await agent.get('/v1/tickets/..%2F..%2Fetc'), 400);
    expectProblem(await agent.get('/v1/tickets/by-number/TKT-1'), 400);
  });

  it('missing, expired, forged and foreign-audience tokens → 401', async () => {
    expectProblem(await api().get('/v1/tickets'), 401);
    expectProblem(await api('not.a.jwt').get('/v1/tickets'), 401);
    const jwk = JSON.parse(readFileSync(path.join(runtime.dataDir, 'jwt-key.json'), 'utf8')) as JWK;
    const realKey = await importJWK(jwk, 'ES256');
    const expired = await signToken(realKey as CryptoKey, identity, Math.floor(Date.now() / 1000) - 60);
    const res = await api(expired).get('/v1/tickets');
    expectProblem(res, 401);
    expect(res.body.detail).toContain('expired');
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await signToken(privateKey, { ...identity, role: 'admin' }, '1h');
    expectProblem(await api(forged).get('/v1/tickets'), 401);
  });

  it('a customer trying staff routes → 403', async () => {
    expectProblem(await api(runtime.tokens.customer).post('/v1/tickets/bulk', { ticketIds: [ticket.id], changes: { priority: 'low' } }), 403);
    expectProblem(await api(runtime.tokens.customer).get('/v1/users'), 403);
  });

  it('unknown routes and methods → 404 / 405', async () => {
    expectProblem(await agent.get('/v1/nothing-here'), 404);
    expectProblem(await agent.post('/v1/openapi.json', {}), 405);
  });

  it('left the ticket exactly as it was', async () => {
    expect(JSON.stringify((await agent.get(`/v1/tickets/${ticket.id}`)).body)).toBe(before);
  });
});
