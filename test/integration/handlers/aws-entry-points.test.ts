/*
 * Every AWS entry point, fed the real AWS payloads of its kind (the shared corpus, aws/) and
 * variants written from AWS's documentation, through the exported handler on DynamoDB Local.
 *
 * Which function gets which AWS event in AWS mode (functions/manifest + lib/ + the kit):
 *
 * | entry point (kit)                                   | AWS event                                                       | corpus files                                    |
 * | --------------------------------------------------- | --------------------------------------------------------------- | ----------------------------------------------- |
 * | handlers/http/** (routeGroup, http-route.ts)        | API Gateway HTTP API, payload v2.0, JWT authorizer (Cognito)    | apigw-v2-*, apiGatewayProxyV2*, apigw-http/*     |
 * | handlers/ws/connect, disconnect, actions (wsRoute)  | API Gateway WebSocket $connect / $disconnect / $default         | apigw-websocket-*, connectEvent, apigw-rest/websocket |
 * | handlers/sqs/email-inbound (sqsConsumer)            | SQS ← SNS (raw delivery off) ← SES receipt rule S3 action       | sqs*, snsSqs*, s3SqsEvent, sqs/sns-body, ses-*   |
 * | handlers/sqs/{analytics-export, bulk-jobs, kb-reindex, sla-policy-recompute, webhook-dispatcher, weekly-summary-schedule} (sqsConsumer) | SQS, our own JSON job messages | sqs* (foreign bodies) |
 * | handlers/sqs/stats-rollup (sqsBatchConsumer)        | SQS ← EventBridge rule target (the whole bus event as body)     | sqs*                                            |
 * | handlers/sqs/meta-inbound (sqsFifoConsumer)         | SQS FIFO (MessageGroupId per contact)                           | snsSqsFifoEvent, sqs*                            |
 * | handlers/events/stream-to-events (Pipe enrichment)  | DynamoDB stream records, as an array, from an EventBridge Pipe  | dynamodb* (unit test: test/unit/handlers/events/stream-to-events.test.ts) |
 * | handlers/events/** (busConsumer)                    | EventBridge events (our bus; rules match our detail-types)      | eventBridgeEvent, eventbridge/base, scheduled event, s3 EventBridge, ecr push |
 * | handlers/schedules/timer-fired (timerTarget)        | EventBridge Scheduler target: the schedule's Input verbatim     | scheduled event (closest shape; no Scheduler envelope exists) |
 * | handlers/url/meta-{whatsapp,instagram} (functionUrl)| Lambda Function URL (payload v2.0, no authorizer: Meta signs)   | lambda-urls-request, lambdaFunctionUrl*, lambda/* |
 *
 * No function is subscribed to S3 notifications directly (attachments are confirmed through the
 * API, inbound mail is announced by SES): an S3 notification that reaches a queue is a foreign
 * body there and is dropped with a logged reason.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { lambdaContext } from '../../../bin/local/lambda-context';
import { localConfig } from '../../../bin/local/local-root';
import { putMailbox } from '../../../functions/domain/mail-channel/mailboxes';
import type { ObjectStore, Ports } from '../../../functions/domain/ports';
import type { Deps } from '../../../functions/domain/store/store';
import { provideRuntime } from '../../../functions/runtime';
import { corporaPresent, corpusPath } from '../../support/corpora';
import { integrationDeps, seedOrg } from '../../support/integration-store';
import { MemoryAttachmentStore } from '../../support/memory-attachment-store';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
type AnyHandler = (event: unknown, context: Context) => Promise<unknown>;

const json = <T = any>(rel: string): T => JSON.parse(readFileSync(corpusPath('aws', rel), 'utf8')) as T; // eslint-disable-line @typescript-eslint/no-explicit-any
const ctx = (name: string) => lambdaContext(name, 10) as Context;
const clone = <T>(value: T): T => structuredClone(value);
const suite = describe.skipIf(!corporaPresent);

class MemoryObjects implements ObjectStore {
  readonly bucket = 'mail';
  readonly items = new Map<string, Buffer>();
  async put(key: string, body: Buffer) { this.items.set(key, body); }
  async remove(key: string) { this.items.delete(key); }
  async get(key: string) {
    const item = this.items.get(key);
    if (!item) throw new Error(`no object ${key}`);
    return item;
  }
}

const HTTP_V2 = [
  'aws-lambda-go/apigw-v2-custom-authorizer-v2-request.json', 'aws-lambda-go/apigw-v2-request-iam.json', 'aws-lambda-go/apigw-v2-request-jwt-authorizer.json',
  'aws-lambda-go/apigw-v2-request-lambda-authorizer.json', 'aws-lambda-go/apigw-v2-request-no-authorizer.json',
  'powertools-lambda-python/apiGatewayProxyV2Event.json', 'powertools-lambda-python/apiGatewayProxyV2EventPathTrailingSlash.json',
  'powertools-lambda-python/apiGatewayProxyV2Event_GET.json', 'powertools-lambda-python/apiGatewayProxyV2IamEvent.json',
  'powertools-lambda-python/apiGatewayProxyV2LambdaAuthorizerEvent.json', 'powertools-lambda-python/apiGatewayProxyV2OtherGetEvent.json',
  'powertools-lambda-typescript/apigw-http/authorizer-request.json', 'powertools-lambda-typescript/apigw-http/iam-auth.json',
  'powertools-lambda-typescript/apigw-http/invalid.json', 'powertools-lambda-typescript/apigw-http/jwt-authorizer-auth.json',
  'powertools-lambda-typescript/apigw-http/lambda-authorizer-auth.json', 'powertools-lambda-typescript/apigw-http/no-auth.json',
];
const FUNCTION_URL = [
  'aws-lambda-go/lambda-urls-request.json', 'powertools-lambda-python/lambdaFunctionUrlEvent.json', 'powertools-lambda-python/lambdaFunctionUrlEventPathTrailingSlash.json',
  'powertools-lambda-python/lambdaFunctionUrlEventWithHeaders.json', 'powertools-lambda-python/lambdaFunctionUrlIAMEvent.json',
  'powertools-lambda-typescript/lambda/base.json', 'powertools-lambda-typescript/lambda/get-request.json', 'powertools-lambda-typescript/lambda/iam-auth.json',
  'powertools-lambda-typescript/lambda/invalid.json',
];
const SQS = [
  'aws-lambda-go/sqs-event.json', 'powertools-lambda-python/sqsEvent.json', 'powertools-lambda-python/sqsDlqTriggerEvent.json', 'powertools-lambda-python/s3SqsEvent.json',
  'powertools-lambda-python/snsSqsEvent.json', 'powertools-lambda-python/snsSqsFifoEvent.json', 'powertools-lambda-typescript/sqs/base.json',
  'powertools-lambda-typescript/sqs/sns-body.json', 'powertools-lambda-typescript/s3/sqs-event.json',
];
const EVENTBRIDGE = [
  'powertools-lambda-python/eventBridgeEvent.json', 'powertools-lambda-python/docs_shared_validation_basic_eventbridge_scheduled_event.json',
  'powertools-lambda-python/s3EventBridgeNotificationObjectCreatedEvent.json', 'powertools-lambda-typescript/eventbridge/base.json',
  'powertools-lambda-typescript/s3/eventbridge-object-created.json', 'aws-lambda-go/ecr-image-push-event.json',
];
/** Every other event kind of the corpus: none of these is ever routed to a Helpdesk function. */
const FOREIGN = [
  'aws-lambda-go/cloudwatch-logs-event.json', 'aws-lambda-go/s3-event.json', 'aws-lambda-go/s3-event-with-decoded.json', 'aws-lambda-go/sns-event.json',
  'aws-lambda-go/ses-lambda-event.json', 'aws-lambda-go/dynamodb-event.json', 'powertools-lambda-python/s3Event.json', 'powertools-lambda-typescript/s3/delete-object.json',
  'powertools-lambda-typescript/s3/base.json', 'powertools-lambda-typescript/s3/decoded-key.json', 'powertools-lambda-python/s3EventDecodedKey.json',
  'powertools-lambda-typescript/sns/base.json', 'aws-lambda-go/lambda-urls-response.json',
];

let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;
let mailbox: string;
const objects = new MemoryObjects();
const files = new MemoryAttachmentStore();
const posted: { connectionId: string; frame: unknown }[] = [];
const verifiedTokens = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  const built = await integrationDeps();
  deps = built.deps;
  org = await seedOrg(deps);
  mailbox = `support@${org.orgId.replace(/_/g, '-')}.example.com`;
  await putMailbox(deps, { address: mailbox, orgId: org.orgId, displayName: 'Support', senderHourlyLimit: 50 });
  const ports = {
    objects,
    attachments: files,
    tokens: { verify: async (token: string) => { const claims = verifiedTokens.get(token); if (!claims) throw Object.assign(new Error('bad token'), { name: 'JwtInvalid' }); return claims; } },
    connections: { post: async (posts: { connectionId: string; frame: unknown }[]) => { posted.push(...posts); return { sent: posts.length, gone: [], failed: [] }; } },
    queues: { send: async () => undefined },
    timers: { schedule: async () => undefined, cancel: async () => undefined },
  } as unknown as Ports;
  provideRuntime({ config: { ...localConfig(inject('dynamodbEndpoint')), tableName: built.table }, deps, ports, dynamo: built.clients.client });
});

const claimsOf = (who: 'agent' | 'customer' | 'admin', groups?: string) => ({
  sub: org[who].userId, email: org[who].email, name: who, 'cognito:groups': groups ?? `[${who}]`, 'custom:orgId': org.orgId,
});
const problem = (result: APIGatewayProxyStructuredResultV2) => {
  expect(result.headers?.['content-type']).toBe('application/problem+json');
  return JSON.parse(result.body ?? '{}') as { status: number; type: string; errors?: { parameter?: string; pointer?: string }[] };
};

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

suite('API Gateway WebSocket → $connect, $disconnect, $default', () => {
  let connect: AnyHandler;
  let disconnect: AnyHandler;
  let actions: AnyHandler;
  beforeAll(async () => {
    connect = ((await import('../../../functions/handlers/ws/connect')) as unknown as { handler: AnyHandler }).handler;
    disconnect = ((await import('../../../functions/handlers/ws/disconnect')) as unknown as { handler: AnyHandler }).handler;
    actions = ((await import('../../../functions/handlers/ws/actions')) as unknown as { handler: AnyHandler }).handler;
  });
  const CONNECTS = ['aws-lambda-go/apigw-websocket-request.json', 'powertools-lambda-typescript/apigw-websocket/connectEvent.json'];
  const MESSAGES = ['aws-lambda-go/apigw-websocket-request-send-message.json', 'powertools-lambda-typescript/apigw-rest/websocket.json'];
  const withConnection = <T extends { requestContext: { connectionId: string } }>(event: T, connectionId: string): T => {
    const copy = clone(event);
    copy.requestContext.connectionId = connectionId;
    return copy;
  };
  const token = (who: 'agent' | 'customer') => {
    const t = `eyJ${randomUUID().replace(/-/g, '')}.eyJ${who}.sig${randomUUID().slice(0, 8)}`;
    verifiedTokens.set(t, claimsOf(who));
    return t;
  };

  it('refuses every corpus $connect as AWS sent it (no token of ours) with 401', async () => {
    for (const file of CONNECTS) {
      expect([file, await connect(json(file), ctx('ws-connect'))]).toEqual([file, expect.objectContaining({ statusCode: 401 })]);
    }
  });

  it('connects with the token in the query string or in Sec-WebSocket-Protocol (any header case), then serves a base64 ping', async () => {
    for (const file of CONNECTS) {
      const byQuery = withConnection(json(file), `q-${randomUUID()}`);
      byQuery.queryStringParameters = { ...(byQuery.queryStringParameters ?? {}), token: token('agent') };
      expect(await connect(byQuery, ctx('ws-connect'))).toMatchObject({ statusCode: 200 });

      const byBearer = withConnection(json(file), `b-${randomUUID()}`);
      byBearer.headers = { ...(byBearer.headers ?? {}), Authorization: `Bearer ${token('agent')}` };
      expect(await connect(byBearer, ctx('ws-connect'))).toMatchObject({ statusCode: 200 });

      const byHeader = withConnection(json(file), `h-${randomUUID()}`);
      byHeader.headers = { ...(byHeader.headers ?? {}), 'SEC-WEBSOCKET-PROTOCOL': `helpdesk, ${token('customer')}` };
      expect(await connect(byHeader, ctx('ws-connect'))).toMatchObject({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'helpdesk' } });

      for (const message of MESSAGES) {
        const ping = withConnection(json(message), byQuery.requestContext.connectionId);
        ping.body = Buffer.from('{"action":"ping"}').toString('base64');
        ping.isBase64Encoded = true;
        const answer = await actions(ping, ctx('ws-actions')) as { statusCode: number; body: string };
        expect(JSON.parse(answer.body)).toMatchObject({ type: 'pong', data: { connectionId: byQuery.requestContext.connectionId } });
      }
    }
  });

  it('refuses a forged token with 401 and stores no connection', async () => {
    const event = withConnection(json(CONNECTS[0]!), `forged-${randomUUID()}`);
    event.queryStringParameters = { token: 'eyJa.eyJb.forged' };
    expect(await connect(event, ctx('ws-connect'))).toMatchObject({ statusCode: 401 });
    const ping = withConnection(json(MESSAGES[0]!), event.requestContext.connectionId);
    ping.body = '{"action":"ping"}';
    const answer = await actions(ping, ctx('ws-actions')) as { body: string };
    expect(JSON.parse(answer.body)).toMatchObject({ type: 'error', data: { code: 'forbidden' } });
  });

  it('answers every corpus message (not JSON, not ours) with an error frame and keeps the connection', async () => {
    for (const file of MESSAGES) {
      const answer = await actions(json(file), ctx('ws-actions')) as { statusCode: number; body: string };
      expect([file, answer.statusCode]).toEqual([file, 200]);
      expect(JSON.parse(answer.body)).toMatchObject({ type: 'error', data: { code: expect.stringMatching(/^(malformed-frame|unknown-action)$/) } });
    }
    for (const [body, isBase64Encoded] of [['not json', false], ['bm90IGpzb24=', true], ['', false], [null, false], ['{"action":"nope"}', false]] as const) {
      const event = { ...json(MESSAGES[0]!), body, isBase64Encoded };
      const answer = await actions(event, ctx('ws-actions')) as { statusCode: number; body: string };
      expect([body, JSON.parse(answer.body).type]).toEqual([body, 'error']);
    }
  });

  it('takes every corpus $disconnect, with disconnectStatusCode and disconnectReason, for a connection it knows or not', async () => {
    const file = 'aws-lambda-go/apigw-websocket-request-disconnect.json';
    expect(await disconnect(json(file), ctx('ws-disconnect'))).toEqual({ statusCode: 200 });
    const open = withConnection(json(CONNECTS[0]!), `d-${randomUUID()}`);
    open.queryStringParameters = { token: token('agent') };
    expect(await connect(open, ctx('ws-connect'))).toMatchObject({ statusCode: 200 });
    const gone = withConnection(json(file), open.requestContext.connectionId) as { requestContext: Record<string, unknown> };
    Object.assign(gone.requestContext, { disconnectStatusCode: 1001, disconnectReason: 'Going away' });
    expect(await disconnect(gone, ctx('ws-disconnect'))).toEqual({ statusCode: 200 });
    const ping = withConnection(json(MESSAGES[0]!), open.requestContext.connectionId);
    ping.body = '{"action":"ping"}';
    expect(JSON.parse((await actions(ping, ctx('ws-actions')) as { body: string }).body)).toMatchObject({ type: 'error', data: { code: 'forbidden' } });
  });
});

const sqsRecord = (body: string, over: Partial<SQSRecord> = {}): SQSRecord => ({
  messageId: randomUUID(), receiptHandle: 'rh', body, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:eu-west-1:1:q', awsRegion: 'eu-west-1',
  messageAttributes: {}, attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' }, ...over,
});
const snsEnvelope = (message: unknown) => JSON.stringify({
  Type: 'Notification', MessageId: randomUUID(), TopicArn: 'arn:aws:sns:eu-west-1:1:inbound', Subject: 'Amazon SES Email Receipt Notification',
  Message: typeof message === 'string' ? message : JSON.stringify(message), Timestamp: new Date().toISOString(), SignatureVersion: '1', Signature: 'x', SigningCertURL: 'https://x', UnsubscribeURL: 'https://x',
});
const failedIds = (response: unknown) => (response as SQSBatchResponse).batchItemFailures.map((f) => f.itemIdentifier).sort();

suite('SQS consumers', () => {
  const SQS_HANDLERS = ['analytics-export', 'bulk-jobs', 'kb-reindex', 'sla-policy-recompute', 'webhook-dispatcher', 'weekly-summary-schedule', 'stats-rollup', 'email-inbound', 'meta-inbound'];

  it('drops every corpus SQS batch (foreign bodies) with a logged reason: no failure reported, no throw', async () => {
    for (const name of SQS_HANDLERS) {
      const { handler } = (await import(`../../../functions/handlers/sqs/${name}.ts`)) as { handler: AnyHandler };
      for (const file of SQS) {
        const response = await handler(json<SQSEvent>(file), ctx(name));
        expect([name, file, failedIds(response)]).toEqual([name, file, []]);
      }
    }
  });

  it('drops every other corpus event as a queue message body, bare or in an SNS envelope, in every SQS consumer', async () => {
    for (const name of SQS_HANDLERS) {
      const { handler } = (await import(`../../../functions/handlers/sqs/${name}.ts`)) as { handler: AnyHandler };
      const records = [...FOREIGN, ...EVENTBRIDGE].flatMap((file) => {
        const text = readFileSync(corpusPath('aws', file), 'utf8');
        return [sqsRecord(text), sqsRecord(snsEnvelope(text))];
      });
      expect([name, failedIds(await handler({ Records: records }, ctx(name)))]).toEqual([name, []]);
    }
  });

  describe('email-inbound: SES receipt notifications inside SNS envelopes', () => {
    let inbound: AnyHandler;
    beforeAll(async () => {
      ({ handler: inbound } = (await import('../../../functions/handlers/sqs/email-inbound')) as unknown as { handler: AnyHandler });
    });
    const mime = (subject: string, from = `carla.${randomUUID().slice(0, 6)}@customer.example`) => Buffer.from([
      'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', `From: Carla <${from}>`, `To: ${mailbox}`, `Subject: ${subject}`,
      `Message-ID: <${randomUUID()}@customer.example>`, 'Date: Sun, 22 Nov 2026 10:00:00 +0000', '', 'My printer is on fire.', '',
    ].join('\r\n'));
    /** A corpus SES receipt (mail + receipt), re-addressed to our mailbox, its S3 action naming `objectKey`. */
    const sesReceipt = (file: string, objectKey?: string) => {
      const { ses } = json<{ Records: { ses: { mail: Record<string, unknown>; receipt: { recipients: string[]; action: Record<string, unknown> } } }[] }>(file).Records[0]!;
      ses.receipt.recipients = [mailbox];
      if (objectKey) ses.receipt.action = { ...ses.receipt.action, type: 'S3', bucketName: 'mail', objectKey };
      return { notificationType: 'Received', ...ses };
    };
    const ticketsWithSubject = async (subject: string) =>
      (await deps.store.entities.ticket.scan.where(({ subject: s }, { eq }) => eq(s, subject)).go({ pages: 'all' })).data;

    it('opens a ticket from each corpus SES S3-action receipt, once, however the object key is spelt', async () => {
      for (const [file, key] of [
        ['aws-lambda-go/ses-s3-event.json', `inbound/${randomUUID()}`],
        ['powertools-lambda-python/sesEvent.json', `inbound/a+b%2Bc ${randomUUID()}`],
        ['powertools-lambda-typescript/ses/base.json', `inbound/ünïcødé-${randomUUID()}`],
      ] as const) {
        const subject = `From ${file} ${randomUUID().slice(0, 6)}`;
        objects.items.set(key, mime(subject));
        const record = sqsRecord(snsEnvelope(sesReceipt(file, key)));
        expect([file, failedIds(await inbound({ Records: [record] }, ctx('email-inbound')))]).toEqual([file, []]);
        // SNS and SQS deliver at least once: the same notification again is a duplicate, not a second ticket,
        // and so is the bare notification (a subscription with raw message delivery on).
        expect([file, failedIds(await inbound({ Records: [{ ...record, messageId: randomUUID() }] }, ctx('email-inbound')))]).toEqual([file, []]);
        expect([file, failedIds(await inbound({ Records: [sqsRecord(JSON.stringify(sesReceipt(file, key)))] }, ctx('email-inbound')))]).toEqual([file, []]);
        expect([file, (await ticketsWithSubject(subject)).length]).toEqual([file, 1]);
      }
    });

    it('opens a ticket from a bare SES notification (raw message delivery on)', async () => {
      const subject = `Raw ${randomUUID().slice(0, 6)}`;
      const key = `inbound/${randomUUID()}`;
      objects.items.set(key, mime(subject));
      expect(failedIds(await inbound({ Records: [sqsRecord(JSON.stringify(sesReceipt('aws-lambda-go/ses-s3-event.json', key)))] }, ctx('email-inbound')))).toEqual([]);
      expect(await ticketsWithSubject(subject)).toHaveLength(1);
    });

    it('in one batch: processes the good record, drops the ones retrying cannot help, and reports only the one that can succeed later', async () => {
      const subject = `Batch ${randomUUID().slice(0, 6)}`;
      const key = `inbound/${randomUUID()}`;
      objects.items.set(key, mime(subject));
      const good = sqsRecord(snsEnvelope(sesReceipt('aws-lambda-go/ses-s3-event.json', key)));
      const notYetStored = sqsRecord(snsEnvelope(sesReceipt('aws-lambda-go/ses-s3-event.json', `inbound/missing-${randomUUID()}`)));
      const garbage = [
        sqsRecord('not json at all'), sqsRecord(''), sqsRecord('null'), sqsRecord('[]'), sqsRecord('"a string"'),
        sqsRecord(snsEnvelope('not json inside')), sqsRecord(snsEnvelope({ hello: 'world' })),
        sqsRecord(JSON.stringify({ Type: 'SubscriptionConfirmation', MessageId: 'm', Token: 't', SubscribeURL: 'https://x', Message: 'You have chosen to subscribe' })),
        // SES's Lambda action and SNS action (no S3 object): Helpdesk's rule never sends them, and a retry cannot make them readable.
        sqsRecord(snsEnvelope(sesReceipt('aws-lambda-go/ses-lambda-event.json'))),
        sqsRecord(snsEnvelope(sesReceipt('aws-lambda-go/ses-sns-event.json'))),
        // The SES event as Lambda's SES trigger gets it, and an S3 notification, delivered to the queue.
        sqsRecord(readFileSync(corpusPath('aws', 'aws-lambda-go/ses-lambda-event.json'), 'utf8')),
        sqsRecord(readFileSync(corpusPath('aws', 'aws-lambda-go/s3-event.json'), 'utf8')),
        sqsRecord(snsEnvelope(json('aws-lambda-go/s3-event.json'))),
        sqsRecord(readFileSync(corpusPath('aws', 'powertools-lambda-typescript/s3/delete-object.json'), 'utf8')),
        // SES's SNS action with the mail inline (`content`): Helpdesk's rule stores mail in S3 instead, so there is no object to read.
        sqsRecord(snsEnvelope({ ...sesReceipt('aws-lambda-go/ses-sns-event.json'), content: mime('inline').toString('base64') })),
      ];
      const response = await inbound({ Records: [garbage[0]!, good, notYetStored, ...garbage.slice(1)] }, ctx('email-inbound'));
      expect(failedIds(response)).toEqual([notYetStored.messageId]);
      expect(await ticketsWithSubject(subject)).toHaveLength(1);
    });
  });

  it('stats-rollup: applies the ticket event of a whole EventBridge envelope beside garbage records, and reports none of them', async () => {
    const { handler } = (await import('../../../functions/handlers/sqs/stats-rollup')) as unknown as { handler: AnyHandler };
    const { createTicket } = await import('../../../functions/domain/tickets/create-ticket');
    const { eventFromActivity } = await import('../../../functions/domain/events/event-from-activity');
    const { applyTicketStatsBatch } = await import('../../../functions/domain/analytics/rollup');
    const ticket = await createTicket(deps, org.agent, { subject: 'Rollup', description: 'd', priority: 'low', tags: [], customFields: {}, requester: { email: org.customer.email } });
    const { data } = await deps.store.entities.activity.query.byTicket({ orgId: org.orgId, ticketId: ticket.ticketId }).go({ pages: 'all' });
    const created = data.map((a) => eventFromActivity(a)).find((e) => e?.type === 'ticket.created')!;
    const envelope = { ...json('powertools-lambda-python/eventBridgeEvent.json'), 'detail-type': created.type, source: 'helpdesk', detail: created };
    const records = [sqsRecord('garbage'), sqsRecord(JSON.stringify(envelope)), sqsRecord(snsEnvelope(envelope)), sqsRecord(JSON.stringify(json('powertools-lambda-python/eventBridgeEvent.json')))];
    expect(failedIds(await handler({ Records: records }, ctx('stats-rollup')))).toEqual([]);
    // Applied by the handler: the same event again adds nothing.
    expect(await applyTicketStatsBatch(deps, [created])).toEqual(['duplicate']);
  });

  it('meta-inbound (FIFO): a garbage record is recorded and dropped, its group goes on, other groups are not held', async () => {
    const { handler } = (await import('../../../functions/handlers/sqs/meta-inbound')) as unknown as { handler: AnyHandler };
    const fifo = json<SQSEvent>('powertools-lambda-python/snsSqsFifoEvent.json');
    const base = fifo.Records[0]!;
    const records = ['a', 'a', 'b'].map((group, i) => ({ ...clone(base), messageId: `fifo-${i}`, body: i === 0 ? '{{{' : JSON.stringify({ orgId: 'o' }), attributes: { ...base.attributes, MessageGroupId: group } }));
    expect(failedIds(await handler({ Records: records }, ctx('meta-inbound')))).toEqual([]);
    // Without attributes (not what SQS sends, but never a TypeError for the whole batch).
    const bare = { ...clone(base), messageId: 'bare', attributes: undefined } as unknown as SQSRecord;
    expect(failedIds(await handler({ Records: [bare] }, ctx('meta-inbound')))).toEqual([]);
  });
});

suite('EventBridge → bus consumers and the Scheduler target', () => {
  const BUS_HANDLERS = ['agent-load', 'assist-learner', 'assist-new-ticket', 'automations', 'category-usage', 'email-notifier', 'meta-sender', 'realtime-broadcast', 'sla-planner', 'ticket-router', 'webhook-fan-out'];

  it('ignores every corpus EventBridge event, and every other corpus event, in every consumer (none is one of our ticket or job events), without a throw or a record', async () => {
    for (const name of BUS_HANDLERS) {
      const { handler } = (await import(`../../../functions/handlers/events/${name}.ts`)) as { handler: AnyHandler };
      for (const file of [...EVENTBRIDGE, ...FOREIGN]) {
        expect([name, file, await handler(json(file), ctx(name))]).toEqual([name, file, { outcome: 'ignored' }]);
      }
    }
  });

  it('timer-fired: drops every corpus EventBridge event and other foreign input with a reason, so Scheduler does not retry it', async () => {
    const { handler } = (await import('../../../functions/handlers/schedules/timer-fired')) as unknown as { handler: AnyHandler };
    for (const file of [...EVENTBRIDGE, ...FOREIGN]) {
      expect([file, await handler(json(file), ctx('timer-fired'))]).toEqual([file, { done: false, reason: 'unreadable-payload' }]);
    }
    for (const input of [{}, { kind: 'sla' }, { kind: 'weekly-summary' }, { kind: 'nope', orgId: 'o', ticketId: 't' }, 'a string', null]) {
      expect(await handler(input, ctx('timer-fired'))).toEqual({ done: false, reason: 'unreadable-payload' });
    }
    // A timer of ours for a ticket that is gone is read and ignored, as before.
    const sla = { kind: 'sla', orgId: org.orgId, ticketId: 'gone', target: 'firstResponse', stage: 'breach', slaVersion: 1 };
    expect(await handler(sla, ctx('timer-fired'))).toEqual({ done: false, reason: 'ticket-gone' });
  });
});

suite('Lambda Function URL → the Meta webhooks', () => {
  it('answers every corpus Function URL request with 403 (GET, no subscription), 401 (POST, unsigned) or 405, never a 500', async () => {
    for (const product of ['whatsapp', 'instagram']) {
      const { handler } = (await import(`../../../functions/handlers/url/meta-${product}.ts`)) as { handler: AnyHandler };
      for (const file of FUNCTION_URL) {
        const sample = json<{ requestContext: { http: { method: string } } }>(file);
        const result = await handler(sample, ctx(`meta-${product}`)) as { statusCode: number };
        const method = sample.requestContext.http.method.toUpperCase();
        const expected = method === 'GET' ? 403 : method === 'POST' ? 401 : 405;
        expect([product, file, result.statusCode]).toEqual([product, file, expected]);
      }
      const noContext = await handler({ version: '2.0', rawPath: '/', headers: {} }, ctx(`meta-${product}`)) as { statusCode: number };
      expect(noContext.statusCode).toBeLessThan(500);
    }
  });

  it('reads a signed Meta body however the Function URL hands it: raw or base64, header names in any case', async () => {
    const { handler } = (await import('../../../functions/handlers/url/meta-whatsapp')) as unknown as { handler: AnyHandler };
    const vector = JSON.parse(readFileSync(corpusPath('meta', 'signature', 'pywa_signature_vector.json'), 'utf8')) as { x_hub_signature_256: string };
    const raw = readFileSync(corpusPath('meta', 'signature', 'pywa_signature_vector.body.json'));
    for (const [body, isBase64Encoded, header] of [
      [raw.toString('utf8'), false, 'x-hub-signature-256'], [raw.toString('base64'), true, 'X-Hub-Signature-256'], [raw.toString('base64'), true, 'X-HUB-SIGNATURE-256'],
    ] as const) {
      const event = json('aws-lambda-go/lambda-urls-request.json');
      Object.assign(event, { body, isBase64Encoded, headers: { 'content-type': 'application/json', [header]: vector.x_hub_signature_256 } });
      event.requestContext.http.method = 'POST';
      const result = await handler(event, ctx('meta-whatsapp')) as { statusCode: number; body: string };
      // The body names a phone number no channel here has: recorded as unrouted, and 200 so Meta does not retry.
      expect([header, result.statusCode]).toEqual([header, 200]);
      expect(JSON.parse(result.body)).toMatchObject({ queued: 0 });
    }
    const garbled = json('aws-lambda-go/lambda-urls-request.json');
    Object.assign(garbled, { body: '%%%not base64%%%', isBase64Encoded: true, headers: { 'x-hub-signature-256': vector.x_hub_signature_256 } });
    garbled.requestContext.http.method = 'POST';
    expect(((await handler(garbled, ctx('meta-whatsapp'))) as { statusCode: number }).statusCode).toBe(400);
  });
});
