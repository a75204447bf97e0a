import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../../bin/local/lambda-context';
import { awsRuntime, provideRuntime } from '../../../../functions/runtime';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
let handler: Handler;

beforeAll(async () => {
  provideRuntime(awsRuntime({ ...process.env, TABLE_NAME: 'helpdesk', AWS_REGION: 'eu-west-1' }));
  ({ handler } = (await import('../../../../functions/handlers/http/webhooks')) as unknown as { handler: Handler });
});

const create = (body: unknown) =>
  handler(
    {
      routeKey: 'POST /v1/webhooks', rawPath: '/v1/webhooks', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      isBase64Encoded: false, requestContext: { authorizer: { jwt: { claims: { sub: 'u1', email: 'a@x.io', 'cognito:groups': '[admin]', 'custom:orgId': 'org1' } } } },
    } as unknown as APIGatewayProxyEventV2,
    lambdaContext('helpdesk-webhooks', 10) as Context,
  );

describe('registering a webhook in AWS mode (SSRF policy, before any write)', () => {
  it.each([
    ['http://hooks.example.com/in', 'webhooks are sent over https only'],
    ['https://127.0.0.1/in', '127.0.0.1 is a private, loopback, link-local or reserved address'],
    ['https://[::ffff:169.254.169.254]/latest', '::ffff:a9fe:a9fe is a private, loopback, link-local or reserved address'],
    ['https://10.0.0.8:8443/in', '10.0.0.8 is a private, loopback, link-local or reserved address'],
    ['https://localhost/in', 'localhost names a local or metadata host'],
  ])('refuses %s with a 400 problem on #/url', async (url, detail) => {
    const response = await create({ url, events: ['ticket.created'] });
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body!)).toMatchObject({
      type: 'https://helpdesk.dev/problems/webhook-url-refused', status: 400, errors: [{ pointer: '#/url', detail }],
    });
  });
});
