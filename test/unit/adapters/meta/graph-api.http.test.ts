import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpGraphApi } from '../../../../functions/adapters/graph-api.http';
import { GraphRejectedError } from '../../../../functions/domain/ports/graph-api';

interface Seen { method: string; url: string; authorization?: string; body: string }

/**
 * A stand-in for graph.facebook.com that answers with responses recorded from Meta's documentation
 * (Cloud API send, media metadata, Instagram send, an OAuth error) and keeps what it was asked.
 */
let server: Server;
let base = '';
const seen: Seen[] = [];
const answers = new Map<string, { status: number; body: unknown; type?: string }>();

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
      const answer = answers.get(`${req.method} ${req.url!.split('?')[0]}`) ?? { status: 404, body: { error: { message: 'Unknown path', code: 803 } } };
      res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
      res.end(Buffer.isBuffer(answer.body) ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  answers.clear();
});

const graph = () => new HttpGraphApi({ baseUrl: `${base}/v21.0`, mediaHosts: /^127\.0\.0\.1$/, mediaProtocols: ['http:'] });
const reference = { orgId: 'o', ticketId: 'T1', messageId: 'M1' };

describe('HttpGraphApi', () => {
  it('sends WhatsApp free text as the Cloud API expects, with the channel token, and returns the wamid', async () => {
    answers.set('POST /v21.0/1122334455667/messages', { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: '972987654321', wa_id: '972987654321' }], messages: [{ id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDNjA' }] } });
    const sent = await graph().send({ kind: 'whatsapp', accountId: '1122334455667', accessToken: 'EAAG' }, { to: '972987654321', text: 'On it!', reference });
    expect(sent).toEqual({ messageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDNjA' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v21.0/1122334455667/messages', authorization: 'Bearer EAAG' });
    expect(JSON.parse(seen[0].body)).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: '972987654321', biz_opaque_callback_data: 'T1:M1',
      type: 'text', text: { preview_url: false, body: 'On it!' },
    });
  });

  it('addresses a contact known only by business-scoped user id (number withheld) by recipient, not to', async () => {
    answers.set('POST /v21.0/42/messages', { status: 200, body: { messages: [{ id: 'wamid.B' }] } });
    await graph().send({ kind: 'whatsapp', accountId: '42', accessToken: 't' }, { to: 'US.13491208655302741918', text: 'hi', reference });
    const body = JSON.parse(seen[0].body);
    expect(body).toMatchObject({ recipient: 'US.13491208655302741918', type: 'text' });
    expect(body.to).toBeUndefined();
  });

  it('sends a template with its language and body parameters', async () => {
    answers.set('POST /v21.0/42/messages', { status: 200, body: { messages: [{ id: 'wamid.T' }] } });
    await graph().send({ kind: 'whatsapp', accountId: '42', accessToken: 't' }, { to: '1', template: { name: 'follow_up', language: 'en_US', parameters: ['Carla'] }, reference });
    expect(JSON.parse(seen[0].body)).toMatchObject({
      type: 'template',
      template: { name: 'follow_up', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Carla' }] }] },
    });
  });

  it('sends on Instagram to the scoped id and returns message_id', async () => {
    answers.set('POST /v21.0/17841400000000001/messages', { status: 200, body: { recipient_id: '9988', message_id: 'aWdfZAG1faXRlbToxOklH' } });
    const sent = await graph().send({ kind: 'instagram', accountId: '17841400000000001', accessToken: 'IGQ' }, { to: '9988', text: 'hello', reference });
    expect(sent.messageId).toBe('aWdfZAG1faXRlbToxOklH');
    expect(JSON.parse(seen[0].body)).toEqual({ recipient: { id: '9988' }, message: { text: 'hello' } });
  });

  it('turns Meta\'s 4xx into GraphRejectedError with its code, and a 5xx into a retryable error', async () => {
    answers.set('POST /v21.0/42/messages', { status: 400, body: { error: { message: 'Re-engagement message', type: 'OAuthException', code: 131047, fbtrace_id: 'A' } } });
    const rejected = await graph().send({ kind: 'whatsapp', accountId: '42', accessToken: 't' }, { to: '1', text: 'x', reference }).catch((e) => e);
    expect(rejected).toBeInstanceOf(GraphRejectedError);
    expect(rejected).toMatchObject({ status: 400, code: 131047 });
    answers.set('POST /v21.0/42/messages', { status: 503, body: { error: { message: 'busy' } } });
    const retry = await graph().send({ kind: 'whatsapp', accountId: '42', accessToken: 't' }, { to: '1', text: 'x', reference }).catch((e) => e);
    expect(retry).not.toBeInstanceOf(GraphRejectedError);
    expect(retry.message).toContain('503');
  });

  it('downloads WhatsApp media by id: metadata first, then the bytes with the token', async () => {
    answers.set('GET /v21.0/65463453', { status: 200, body: { messaging_product: 'whatsapp', url: `${base}/media/65463453`, mime_type: 'image/jpeg', sha256: 'x', file_size: 4, id: '65463453' } });
    answers.set('GET /media/65463453', { status: 200, body: Buffer.from([0xff, 0xd8, 0xff, 0xe0]), type: 'image/jpeg' });
    const media = await graph().downloadMedia('EAAG', { id: '65463453' });
    expect(media).toEqual({ bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0]), contentType: 'image/jpeg' });
    expect(seen.map((s) => [s.url, s.authorization])).toEqual([['/v21.0/65463453', 'Bearer EAAG'], ['/media/65463453', 'Bearer EAAG']]);
  });

  it('refuses media URLs that are not Meta\'s (no SSRF through a webhook)', async () => {
    const meta = new HttpGraphApi({ baseUrl: `${base}/v21.0` });
    await expect(meta.downloadMedia('t', { url: 'http://169.254.169.254/latest/meta-data' })).rejects.toThrow(/not Meta's/);
    await expect(meta.downloadMedia('t', { url: 'https://example.com/test.jpeg' })).rejects.toThrow(/not Meta's/);
    expect(seen).toHaveLength(0);
  });

  it('reads an Instagram profile, and says nothing when Meta will not', async () => {
    answers.set('GET /v21.0/9988', { status: 200, body: { name: 'Ana', username: 'ana.k', id: '9988' } });
    expect(await graph().profile('IGQ', '9988')).toEqual({ name: 'Ana', username: 'ana.k' });
    expect(seen[0].url).toBe('/v21.0/9988?fields=name,username');
    expect(await graph().profile('IGQ', 'nobody')).toBeUndefined();
  });
});
