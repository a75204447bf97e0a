import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsRuntime, provideRuntime } from '../../../../functions/runtime';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
let handler: Handler;

beforeAll(async () => {
  provideRuntime(awsRuntime({ ...process.env, TABLE_NAME: 'helpdesk', AWS_REGION: 'eu-west-1' }));
  ({ handler } = (await import('../../../../functions/handlers/http/embed')) as unknown as { handler: Handler });
});

const event = (routeKey: string, path: string, pathParameters?: Record<string, string>) => ({
  version: '2.0', routeKey, rawPath: path, rawQueryString: '', headers: { origin: 'https://shop.example' }, pathParameters,
  requestContext: { domainName: 'api.example', http: { method: routeKey.split(' ')[0], path, sourceIp: '203.0.113.1' } },
  isBase64Encoded: false,
}) as unknown as APIGatewayProxyEventV2;
const call = (e: APIGatewayProxyEventV2) => handler(e, {} as Context);

describe('CORS on public-CORS routes, answered by their function', () => {
  it('answers the preflight of a public-CORS route', async () => {
    const res = await call(event('OPTIONS /embed/tickets.js', '/embed/tickets.js'));
    expect(res.statusCode).toBe(204);
    expect(res.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET,POST,OPTIONS', 'access-control-allow-headers': 'content-type' });
  });

  it('adds Allow-Origin to the replies of those routes only, and serves the script as JavaScript', async () => {
    const script = await call(event('GET /embed/tickets.js', '/embed/tickets.js'));
    expect(script.headers).toMatchObject({ 'access-control-allow-origin': '*', 'content-type': 'application/javascript; charset=utf-8' });
    expect(script.body).toMatch(/^\(function \(\) \{/);
    expect(script.body).not.toContain('${');
    const page = await call(event('GET /track/{token}', '/track/abc', { token: 'a"b<c' }));
    expect(page.headers?.['access-control-allow-origin']).toBeUndefined();
    expect(page.body).toContain('data-track="a&#34;b&#60;c"');
    const noPreflight = await call(event('OPTIONS /track/{token}', '/track/abc'));
    expect(noPreflight.statusCode).toBe(404);
  });
});
