import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWebhookPoster } from '../../../../functions/adapters/webhook-poster.http';
import { AWS_NETWORK_POLICY, LOCAL_NETWORK_POLICY } from '../../../../functions/domain/webhooks/network-policy';

const seen: { path: string; host: string; body: string; headers: IncomingMessage['headers'] }[] = [];
const hanging: ServerResponse[] = [];
let server: Server;
let base: string;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ path: req.url!, host: req.headers.host!, body, headers: req.headers });
      if (req.url === '/ok') res.writeHead(204).end();
      else if (req.url === '/fail') res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
      else if (req.url === '/big') res.writeHead(200).end('x'.repeat(10_000));
      else if (req.url === '/redirect') res.writeHead(307, { location: '/ok' }).end();
      else hanging.push(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const local = new NodeWebhookPoster({ policy: LOCAL_NETWORK_POLICY, timeoutMs: 300 });
const request = (path: string, url = `${base}${path}`) => ({ url, body: '{"a":1}', headers: { 'webhook-id': 'msg_x' } });

describe('the webhook HTTP poster', () => {
  it('POSTs the body with the signature headers and reports a 2xx as success', async () => {
    const response = await local.post(request('/ok'));
    expect(response).toMatchObject({ ok: true, statusCode: 204, error: null });
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
    expect(seen.at(-1)).toMatchObject({ path: '/ok', body: '{"a":1}', headers: { 'webhook-id': 'msg_x', 'content-type': 'application/json' } });
  });

  it('reports a 500 with an excerpt of the answer', async () => {
    expect(await local.post(request('/fail'))).toMatchObject({ ok: false, statusCode: 500, responseExcerpt: 'boom', error: 'HTTP 500' });
  });

  it('keeps at most 1 KiB of the answer', async () => {
    const response = await local.post(request('/big'));
    expect(response.ok).toBe(true);
    expect(Buffer.byteLength(response.responseExcerpt!)).toBe(1024);
  });

  it('does not follow redirects', async () => {
    const before = seen.filter((s) => s.path === '/ok').length;
    expect(await local.post(request('/redirect'))).toMatchObject({ ok: false, statusCode: 307, error: 'redirects are not followed' });
    expect(seen.filter((s) => s.path === '/ok').length).toBe(before);
  });

  it('gives up on a hanging endpoint after the timeout', async () => {
    expect(await local.post(request('/hang'))).toMatchObject({ ok: false, statusCode: null, error: 'timed out after 300 ms' });
  });

  it('connects to the address it checked, keeping the host name for the Host header', async () => {
    const pinned = new NodeWebhookPoster({
      policy: LOCAL_NETWORK_POLICY, timeoutMs: 1000, resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    expect(await pinned.post(request('/ok', `http://hooks.example.test:${port}/ok`))).toMatchObject({ ok: true });
    expect(seen.at(-1)!.host).toBe(`hooks.example.test:${port}`);
  });

  it('in AWS, refuses a private destination at delivery time without connecting', async () => {
    const count = seen.length;
    const aws = new NodeWebhookPoster({ policy: AWS_NETWORK_POLICY, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const response = await aws.post(request('/ok', `https://rebound.example.test:${port}/ok`));
    expect(response).toMatchObject({ ok: false, statusCode: null });
    expect(response.error).toMatch(/resolves to 127\.0\.0\.1/);
    expect(await aws.post(request('/ok'))).toMatchObject({ ok: false, error: expect.stringMatching(/https only/) });
    expect(seen.length).toBe(count);
  });
});
