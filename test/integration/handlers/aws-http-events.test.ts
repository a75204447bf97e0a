/** API Gateway HTTP API (payload v2.0) requests, the corpus and documented variants, through the route handlers (map: test/support/aws-world.ts). */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, expect, it } from 'vitest';
import {
  type HttpHandler, json, ctx, clone, suite, HTTP_V2, deps, org, claimsOf, problem, provideAwsWorld,
} from '../../support/aws-world';

beforeAll(provideAwsWorld);

suite('HTTP API (payload v2.0) → the tickets route group', () => {
  let tickets: HttpHandler;
  beforeAll(async () => {
    ({ handler: tickets } = (await import('../../../functions/handlers/http/tickets')) as unknown as { handler: HttpHandler });
  });
  /** The organization's tickets, by a Scan of this test's own small table (the product never scans). */
  const countTickets = async () => (await deps.store.entities.ticket.scan.where(({ orgId }, { eq }) => eq(orgId, org.orgId)).go({ pages: 'all' })).data.length;
  const list = async (event: APIGatewayProxyEventV2) => tickets(event, ctx('helpdesk-tickets'));
  /** A corpus request re-aimed at one of our routes, keeping what AWS sent (headers, cookies, query, body, encoding). */
  const asRoute = (sample: APIGatewayProxyEventV2, routeKey: string, claims?: Record<string, unknown>) => {
    const event = clone(sample) as APIGatewayProxyEventV2 & { requestContext: Record<string, unknown> };
    event.routeKey = routeKey;
    if (claims) event.requestContext.authorizer = { jwt: { claims, scopes: null } };
    return event as APIGatewayProxyEventV2;
  };

  it('answers every corpus request as AWS sent it with a problem: 404 for a route key it has no route for, never a 500', async () => {
    for (const file of HTTP_V2) {
      const result = await list(json(file));
      expect([file, result.statusCode]).toEqual([file, 404]);
      expect(problem(result).status).toBe(404);
    }
  });

  it('answers 401 to every corpus request on a real route that carries no JWT claims (IAM, Lambda authorizer, none)', async () => {
    for (const file of HTTP_V2) {
      const sample = json<APIGatewayProxyEventV2 & { requestContext?: { authorizer?: { jwt?: unknown } } }>(file);
      if (sample.requestContext?.authorizer?.jwt) continue;
      const result = await list(asRoute(sample, 'GET /v1/tickets'));
      expect([file, result.statusCode]).toEqual([file, 401]);
    }
  });

  it("answers 403 to the corpus's real Cognito tokens: they carry no Helpdesk role or organization", async () => {
    for (const file of HTTP_V2) {
      const sample = json<APIGatewayProxyEventV2 & { requestContext?: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } }>(file);
      if (!sample.requestContext?.authorizer?.jwt) continue;
      const result = await list(asRoute(sample, 'GET /v1/tickets'));
      expect([file, result.statusCode]).toEqual([file, sample.requestContext.authorizer.jwt.claims?.sub ? 403 : 401]);
    }
  });

  it('lists tickets for every corpus request given our claims: 200, or 400 naming each query parameter the route does not take', async () => {
    for (const file of HTTP_V2) {
      const sample = json<APIGatewayProxyEventV2>(file);
      const result = await list(asRoute(sample, 'GET /v1/tickets', claimsOf('agent')));
      const names = Object.keys(sample.queryStringParameters ?? {});
      if (names.length === 0) {
        expect([file, result.statusCode]).toEqual([file, 200]);
        expect(JSON.parse(result.body!)).toHaveProperty('items');
      } else {
        expect([file, result.statusCode]).toEqual([file, 400]);
        expect(problem(result).errors?.map((e) => e.parameter).sort()).toEqual(names.sort());
      }
    }
  });

  it('refuses every corpus body on POST /v1/tickets with a 4xx problem and stores nothing', async () => {
    const before = await countTickets();
    for (const file of HTTP_V2) {
      const sample = json<APIGatewayProxyEventV2>(file);
      const result = await list(asRoute(sample, 'POST /v1/tickets', claimsOf('agent')));
      expect([file, (result.statusCode ?? 0) >= 400 && (result.statusCode ?? 0) < 500]).toEqual([file, true]);
      problem(result);
    }
    expect(await countTickets()).toBe(before);
  });

  it('creates a ticket from a base64 body with cookies, headers in any case and an Idempotency-Key', async () => {
    const sample = json<APIGatewayProxyEventV2>('aws-lambda-go/apigw-v2-request-jwt-authorizer.json');
    const event = asRoute(sample, 'POST /v1/tickets', claimsOf('agent'));
    event.cookies = ['session=abc', 'theme=dark'];
    event.headers = { 'Content-Type': 'application/json; charset=UTF-8', 'IDEMPOTENCY-KEY': `k-${randomUUID()}`, Accept: '*/*' };
    event.queryStringParameters = undefined;
    event.body = Buffer.from(JSON.stringify({ subject: 'Base64 ✓', description: 'sent encoded', requester: { email: 'b64@example.com' } })).toString('base64');
    event.isBase64Encoded = true;
    const first = await list(event);
    expect(first.statusCode).toBe(201);
    const created = JSON.parse(first.body!) as { id: string; subject: string };
    expect(created).toMatchObject({ id: expect.any(String), subject: 'Base64 ✓' });
    // The same key and body again: the same ticket, not a second one.
    const again = await list(clone(event));
    expect(JSON.parse(again.body!).id).toBe(created.id);
  });

  it('answers 400 to a POST without a body and 415 to one without a content type, storing nothing', async () => {
    const before = await countTickets();
    const sample = json<APIGatewayProxyEventV2>('aws-lambda-go/apigw-v2-request-no-authorizer.json');
    const noBody = asRoute(sample, 'POST /v1/tickets', claimsOf('agent'));
    noBody.headers = { 'content-type': 'application/json' };
    delete noBody.body;
    noBody.isBase64Encoded = false;
    expect(problem(await list(noBody))).toMatchObject({ status: 400, type: expect.stringContaining('malformed-json') });
    const noType = asRoute(sample, 'POST /v1/tickets', claimsOf('agent'));
    noType.headers = {};
    noType.body = '{"subject":"s","description":"d"}';
    expect(problem(await list(noType)).status).toBe(415);
    expect(await countTickets()).toBe(before);
  });

  it('reads repeated query keys (joined with commas by API Gateway) as one value and names it when it is not one', async () => {
    const event = asRoute(json('powertools-lambda-python/apiGatewayProxyV2Event_GET.json'), 'GET /v1/tickets', claimsOf('agent'));
    event.rawQueryString = 'status=open&status=pending';
    event.queryStringParameters = { status: 'open,pending' };
    expect(problem(await list(event)).errors?.map((e) => e.parameter)).toEqual(['status']);
    event.rawQueryString = 'status=open';
    event.queryStringParameters = { status: 'open' };
    expect((await list(event)).statusCode).toBe(200);
  });

  it('answers a problem, not a 500, to percent-encoded or odd path parameters', async () => {
    for (const ticketId of ['01H%2F..%2Fx', 'a b', '%E2%9C%93', '🙂', 'x'.repeat(400)]) {
      const event = asRoute(json('aws-lambda-go/apigw-v2-request-jwt-authorizer.json'), 'GET /v1/tickets/{ticketId}', claimsOf('agent'));
      event.pathParameters = { ticketId };
      event.queryStringParameters = undefined;
      const result = await list(event);
      expect([ticketId, result.statusCode === 400 || result.statusCode === 404]).toEqual([ticketId, true]);
      problem(result);
    }
  });

  it('reads a path parameter API Gateway handed on still percent-encoded (an address with @) as the client meant it', async () => {
    const { handler: mailboxes } = (await import('../../../functions/handlers/http/mailboxes')) as unknown as { handler: HttpHandler };
    const domain = org.orgId.replace(/_/g, '-');
    for (const [sent, meant] of [[`sales%2Edesk%40${domain}.example.com`, `sales.desk@${domain}.example.com`], [`help@${domain}.example.com`, `help@${domain}.example.com`]]) {
      const event = asRoute(json('aws-lambda-go/apigw-v2-request-jwt-authorizer.json'), 'PUT /v1/mailboxes/{address}', claimsOf('admin'));
      Object.assign(event, { pathParameters: { address: sent }, queryStringParameters: undefined, headers: { 'content-type': 'application/json' }, body: '{"displayName":"Desk"}', isBase64Encoded: false });
      const result = await mailboxes(event, ctx('helpdesk-mailboxes'));
      expect([sent, result.statusCode]).toEqual([sent, 200]);
      expect(JSON.parse(result.body!)).toMatchObject({ address: meant });
    }
    // A malformed escape is not decoded: the address is refused by name.
    const bad = asRoute(json('aws-lambda-go/apigw-v2-request-jwt-authorizer.json'), 'PUT /v1/mailboxes/{address}', claimsOf('admin'));
    Object.assign(bad, { pathParameters: { address: `x%E0%A4%A@${domain}.example.com` }, queryStringParameters: undefined, headers: { 'content-type': 'application/json' }, body: '{}', isBase64Encoded: false });
    expect(problem(await mailboxes(bad, ctx('helpdesk-mailboxes'))).errors?.map((e) => e.parameter)).toEqual(['address']);
  });

  it('takes the groups claim however the JWT authorizer flattened it: "[a b]", "a,b", a JSON-ish string, a list', async () => {
    const shapes = ['[agent]', 'agent', '[customer agent]', 'customer,agent', '["agent"]', '["customer","agent"]', '[ "agent" ]'];
    for (const groups of shapes) {
      const event = asRoute(json('aws-lambda-go/apigw-v2-request-jwt-authorizer.json'), 'GET /v1/tickets', claimsOf('agent', groups));
      event.queryStringParameters = undefined;
      expect([groups, (await list(event)).statusCode]).toEqual([groups, 200]);
    }
    const asList = asRoute(json('aws-lambda-go/apigw-v2-request-jwt-authorizer.json'), 'GET /v1/tickets', { ...claimsOf('agent'), 'cognito:groups': ['agent'] });
    asList.queryStringParameters = undefined;
    expect((await list(asList)).statusCode).toBe(200);
  });

  it('answers 401 to a request with no requestContext authorizer at all, and to an empty one', async () => {
    const event = asRoute(json('aws-lambda-go/apigw-v2-request-no-authorizer.json'), 'GET /v1/tickets');
    expect(problem(await list(event)).status).toBe(401);
    (event.requestContext as unknown as Record<string, unknown>).authorizer = {};
    expect(problem(await list(event)).status).toBe(401);
    const bare = { routeKey: 'GET /v1/tickets', headers: {} } as unknown as APIGatewayProxyEventV2;
    expect(problem(await list(bare)).status).toBe(401);
  });
});

suite('HTTP API (payload v2.0) → every deployed route', () => {
  /** Corpus requests of distinct shapes: JWT, IAM, Lambda authorizer, none; bodies plain, base64, JSON. */
  const SHAPES = [
    'aws-lambda-go/apigw-v2-request-jwt-authorizer.json', 'aws-lambda-go/apigw-v2-request-iam.json', 'powertools-lambda-python/apiGatewayProxyV2Event.json',
    'powertools-lambda-python/apiGatewayProxyV2Event_GET.json', 'powertools-lambda-typescript/apigw-http/no-auth.json', 'powertools-lambda-typescript/apigw-http/lambda-authorizer-auth.json',
  ];
  const fakeId = '01JZZZZZZZZZZZZZZZZZZZZZZZ';

  it('answers every corpus shape on every route, as sent and with our claims and parameters, with its reply or a 4xx problem, never a 5xx', async () => {
    const { DEPLOYED_ROUTES, HTTP_GROUPS } = await import('../../../functions/manifest/http-routes');
    const { routeKeyOf } = await import('../../../functions/manifest/spec');
    const handlers = new Map<string, HttpHandler>();
    const seen: string[] = [];
    for (const route of DEPLOYED_ROUTES) {
      const group = route.group as keyof typeof HTTP_GROUPS;
      if (!handlers.has(group)) handlers.set(group, ((await import(`../../../${HTTP_GROUPS[group].entry}`)) as { handler: HttpHandler }).handler);
      const handler = handlers.get(group)!;
      const names = [...route.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1]!);
      for (const file of SHAPES) {
        const variants: APIGatewayProxyEventV2[] = [];
        const asSent = clone(json<APIGatewayProxyEventV2>(file));
        asSent.routeKey = routeKeyOf(route);
        variants.push(asSent);
        const ours = clone(asSent) as APIGatewayProxyEventV2 & { requestContext: Record<string, unknown> };
        ours.requestContext.authorizer = { jwt: { claims: claimsOf('admin'), scopes: null } };
        ours.pathParameters = Object.fromEntries(names.map((name) => [name, fakeId]));
        delete ours.queryStringParameters;
        variants.push(ours);
        for (const event of variants) {
          const result = await handler(event, ctx(`helpdesk-${group}`));
          const status = typeof result === 'string' ? 200 : result.statusCode ?? 200;
          if (status >= 500) seen.push(`${routeKeyOf(route)} ${file} ${status} ${typeof result === 'string' ? result : result.body}`);
          // The MCP endpoint speaks JSON-RPC: its refusals are JSON-RPC errors, by its protocol.
          else if (status >= 400 && typeof result !== 'string' && route.path !== '/v1/mcp' && result.headers?.['content-type'] !== 'application/problem+json') {
            seen.push(`${routeKeyOf(route)} ${file} ${status} not a problem: ${result.headers?.['content-type']}`);
          }
        }
      }
    }
    expect(seen).toEqual([]);
  });
});
