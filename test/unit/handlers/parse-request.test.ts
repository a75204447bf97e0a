import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callerFromClaims, groupsOf } from '../../../functions/handlers/kit/caller-from-claims';
import { parseRequest } from '../../../functions/handlers/kit/parse-request';
import { HttpProblem } from '../../../functions/handlers/kit/problems';
import { HTTP_ROUTES, type HttpRouteSpec } from '../../../functions/manifest/http-routes';
import { corpusPath, itWithCorpora } from '../../support/corpora';

const spec = (id: string) => HTTP_ROUTES.find((r) => r.operationId === id) as HttpRouteSpec;
const claims = { sub: 'u1', email: 'a@x.io', 'cognito:groups': '[agent]', 'custom:orgId': 'org1' };
const event = (over: Partial<APIGatewayProxyEventV2> & { claims?: Record<string, string> } = {}): APIGatewayProxyEventV2 =>
  ({
    headers: { 'content-type': 'application/json' },
    requestContext: { authorizer: { jwt: { claims: over.claims ?? claims } } },
    ...over,
  }) as unknown as APIGatewayProxyEventV2;
const problemOf = (fn: () => unknown) => {
  try { fn(); } catch (e) { if (e instanceof HttpProblem) return e; throw e; }
  throw new Error('no problem raised');
};

describe('turning API Gateway events into requests', () => {
  itWithCorpora("reads the caller from a real Cognito ID token as API Gateway's JWT authorizer passes it", () => {
    const corpus = corpusPath('aws/powertools-lambda-typescript/apigw-http/jwt-authorizer-auth.json');
    const sample = JSON.parse(readFileSync(corpus, 'utf8')) as APIGatewayProxyEventV2;
    const c = (sample.requestContext as unknown as { authorizer: { jwt: { claims: Record<string, string> } } }).authorizer.jwt.claims;
    c['cognito:groups'] = '[customer agent]';
    c['custom:orgId'] = 'org9';
    expect(callerFromClaims(sample)).toMatchObject({ orgId: 'org9', role: 'agent', userId: 'd2f50444-0041-7036-aea2-a955fca33d37' });
  });

  it('understands group claims as lists, API Gateway strings and comma lists', () => {
    expect(groupsOf(['admin', 'agent'])).toEqual(['admin', 'agent']);
    expect(groupsOf('[admin agent]')).toEqual(['admin', 'agent']);
    expect(groupsOf('agent,customer')).toEqual(['agent', 'customer']);
    expect(groupsOf(undefined)).toEqual([]);
    expect(groupsOf('["admin","agent"]')).toEqual(['admin', 'agent']);
    expect(groupsOf(" [ 'agent' ] ")).toEqual(['agent']);
  });

  it('answers 401 without claims and 403 without a role or organization', () => {
    expect(problemOf(() => callerFromClaims({ requestContext: {} } as APIGatewayProxyEventV2)).status).toBe(401);
    expect(problemOf(() => parseRequest(spec('listTickets'), event({ claims: { ...claims, 'cognito:groups': '[]' } }))).status).toBe(403);
    expect(problemOf(() => parseRequest(spec('listTickets'), event({ claims: { sub: 'u', 'cognito:groups': '[agent]' } }))).status).toBe(403);
  });

  it('refuses roles the manifest does not allow', () => {
    const customer = { ...claims, 'cognito:groups': '[customer]' };
    const body = JSON.stringify({ priority: 'low' });
    const p = problemOf(() => parseRequest(spec('updateTicket'), event({ claims: customer, body, pathParameters: { ticketId: 't' } })));
    expect(p).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('maps content type, size, JSON and schema failures to 415, 413 and 400 with pointers', () => {
    const create = spec('createTicket');
    expect(problemOf(() => parseRequest(create, event({ headers: { 'content-type': 'text/plain' }, body: '{}' }))).status).toBe(415);
    expect(problemOf(() => parseRequest(create, event({ body: 'x'.repeat(1024 * 1024 + 1) }))).status).toBe(413);
    expect(problemOf(() => parseRequest(create, event({ body: '{"subject":' }))).code).toBe('malformed-json');
    const invalid = problemOf(() => parseRequest(create, event({ body: JSON.stringify({ subject: 'x'.repeat(251), description: 'd', extra: 1, tags: ['ok', ''] }) })));
    expect(invalid.extensions.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ pointer: '#/subject' }),
      expect.objectContaining({ pointer: '#/extra', detail: 'unknown field' }),
      expect.objectContaining({ pointer: '#/tags/1' }),
    ]));
  });

  it('accepts JSON with a charset or a +json type, and base64 bodies', () => {
    const body = Buffer.from(JSON.stringify({ subject: 's', description: 'd', requester: { email: 'c@x.io' } })).toString('base64');
    const parsed = parseRequest(spec('createTicket'), event({ headers: { 'content-type': 'application/json; charset=utf-8' }, body, isBase64Encoded: true }));
    expect(parsed.body).toMatchObject({ subject: 's', priority: 'medium', tags: [] });
  });

  it('validates query parameters by name', () => {
    const p = problemOf(() => parseRequest(spec('listTickets'), event({ queryStringParameters: { limit: '500', status: 'nope', bogus: '1' } })));
    expect(p.extensions.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ parameter: 'limit' }),
      expect.objectContaining({ parameter: 'status' }),
      expect.objectContaining({ parameter: 'bogus' }),
    ]));
  });

  it('requires If-Match on PATCH (428), reads quoted and weak ETags, and rejects foreign ones (412)', () => {
    const patch = spec('updateTicket');
    const base = { body: '{"priority":"low"}', pathParameters: { ticketId: 't' } };
    expect(problemOf(() => parseRequest(patch, event(base))).status).toBe(428);
    expect(parseRequest(patch, event({ ...base, headers: { 'content-type': 'application/json', 'if-match': '"7"' } })).ifMatchVersion).toBe(7);
    expect(parseRequest(patch, event({ ...base, headers: { 'content-type': 'application/json', 'if-match': 'W/"8"' } })).ifMatchVersion).toBe(8);
    expect(problemOf(() => parseRequest(patch, event({ ...base, headers: { 'content-type': 'application/json', 'if-match': '"abc"' } }))).status).toBe(412);
  });
});
