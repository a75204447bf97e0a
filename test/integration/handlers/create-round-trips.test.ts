import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { lambdaContext } from '../../../bin/local/lambda-context';
import { localConfig } from '../../../bin/local/local-root';
import type { Ports } from '../../../functions/domain/ports';
import { provideRuntime } from '../../../functions/runtime';
import { integrationDeps, seedOrg } from '../../support/integration-store';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The DynamoDB round trips of `POST /v1/tickets` through the real handler and its middy stack,
 * counted by a middleware on the container's client: what a create costs besides its transaction.
 */
describe('the round trips of a create', () => {
  let handler: Handler;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  const calls: string[] = [];

  beforeAll(async () => {
    const { deps, clients, table } = await integrationDeps();
    org = await seedOrg(deps);
    provideRuntime({ config: { ...localConfig(inject('dynamodbEndpoint')), tableName: table }, deps, ports: {} as Ports, dynamo: clients.client });
    clients.client.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push((context.commandName ?? '?').replace(/Command$/, ''));
        return next(args);
      },
      { step: 'initialize', name: 'countCalls' },
    );
    ({ handler } = (await import('../../../functions/handlers/http/tickets')) as unknown as { handler: Handler });
  });

  const create = async (subject: string, headers: Record<string, string> = {}, as: 'agent' | 'customer' = 'agent') => {
    const who = org[as];
    calls.length = 0;
    const result = await handler(
      {
        routeKey: 'POST /v1/tickets', rawPath: '/v1/tickets', headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ subject, description: 'It broke', priority: 'medium', ...(as === 'agent' ? { requester: { email: 'carla@example.com' } } : {}) }),
        isBase64Encoded: false,
        requestContext: { requestId: subject, authorizer: { jwt: { claims: { sub: who.userId, email: who.email, name: as, 'cognito:groups': `[${as}]`, 'custom:orgId': org.orgId } } } },
      } as unknown as APIGatewayProxyEventV2,
      lambdaContext('helpdesk-tickets', 10) as Context,
    );
    expect(result.statusCode).toBe(201);
    return [...calls];
  };

  it('is one transaction once the organization\'s reads are cached and its number block is open, and writes no idempotency record without a key', async () => {
    // The container's first create reads the organization's field catalog (cached briefly) and takes a block of one number.
    expect(await create('first')).toContain('TransactWriteItems');
    const shapes = [];
    for (let i = 0; i < 10; i++) shapes.push(await create(`next ${i}`));
    // Numbers 2-11 come from blocks of 2, 4 and 8: three ADDs in ten creates; every other create is its transaction alone.
    expect(shapes.flat().filter((c) => c === 'UpdateItem')).toHaveLength(3);
    expect(shapes.filter((s) => s.join() === 'TransactWriteItems')).toHaveLength(7);
    expect(shapes.flat().filter((c) => c !== 'UpdateItem' && c !== 'TransactWriteItems')).toEqual([]);
  });

  it('with an Idempotency-Key adds the key\'s record: a conditional put before and its completion after', async () => {
    for (let i = 0; i < 3; i++) await create(`warm ${i}`);
    const shape = await create('keyed', { 'idempotency-key': 'key-1' });
    // Numbers 12-15 are still in the block of 8, so no ADD here.
    expect(shape).toEqual(['PutItem', 'TransactWriteItems', 'UpdateItem']);
  });

  it('reads the organization\'s create limit for a customer from the container\'s settings cache, not per create', async () => {
    const first = await create('customer first', {}, 'customer');
    const second = await create('customer second', {}, 'customer');
    expect(first).toContain('GetItem'); // the settings, once
    // The hourly quota's atomic ADD and the transaction (plus a number block's ADD now and then); no read.
    expect(second.filter((c) => c !== 'UpdateItem')).toEqual(['TransactWriteItems']);
  });
});
