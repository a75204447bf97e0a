import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3AttachmentStore } from '../../../functions/adapters/attachment-store.s3';
import { type RunningS3, startS3StandIn } from '../../../bin/local/s3/s3-server';

let dir: string;
let s3: RunningS3;
let store: S3AttachmentStore;
let clock = () => new Date();

const clientFor = (url: string, secretAccessKey = 'local') => new S3Client({
  endpoint: url, region: 'local', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey },
  requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 's3-stand-in-'));
  s3 = await startS3StandIn({ port: 0, dir, buckets: ['files'], credentials: [{ accessKeyId: 'local', secretAccessKey: 'local' }], now: () => clock() });
  store = new S3AttachmentStore(clientFor(s3.url), 'files');
});
afterAll(async () => {
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Posts like a browser: the form's fields first, the file last. */
async function post(form: { url: string; fields: Record<string, string> }, content: Buffer, type: string, override: Record<string, string> = {}) {
  const body = new FormData();
  for (const [name, value] of Object.entries({ ...form.fields, ...override })) body.append(name, value);
  body.append('file', new Blob([content], { type }), 'upload.bin');
  const res = await fetch(form.url, { method: 'POST', body });
  return { status: res.status, text: await res.text() };
}

describe('the local S3 stand-in, driven by the real SDK presigners', () => {
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(40, 7)]);

  it('accepts the presigned form, then serves HEAD, a range, a copy and a presigned download', async () => {
    const form = await store.uploadForm({ key: 'uploads/o/A1', contentType: 'image/png', size: png.length, expiresInSeconds: 60 });
    expect(form.url).toBe(`${s3.url}/files`);
    expect(form.fields).toMatchObject({ key: 'uploads/o/A1', 'Content-Type': 'image/png', 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' });
    expect(await post(form, png, 'image/png')).toMatchObject({ status: 204 });
    expect(await store.stat('uploads/o/A1')).toEqual({ size: png.length, contentType: 'image/png' });
    expect(await store.readHead('uploads/o/A1', 8)).toEqual(png.subarray(0, 8));
    await store.copy('uploads/o/A1', 'tickets/o/T/A1');
    await store.remove('uploads/o/A1');
    expect(await store.stat('uploads/o/A1')).toBeUndefined();
    const url = await store.downloadUrl({ key: 'tickets/o/T/A1', filename: 'Schäden "1".png', contentType: 'image/png', expiresInSeconds: 60 });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Sch_den _1_.png"; filename*=UTF-8''Sch%C3%A4den%20%221%22.png`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(png);
  });

  it('refuses a file larger than the policy, another type, an extra field, a forged signature and an expired form', async () => {
    const form = await store.uploadForm({ key: 'uploads/o/B1', contentType: 'image/png', size: png.length, expiresInSeconds: 60 });
    const larger = await post(form, Buffer.concat([png, Buffer.from('x')]), 'image/png');
    expect(larger.status).toBe(400);
    expect(larger.text).toContain('<Code>EntityTooLarge</Code>');
    expect((await post(form, png.subarray(1), 'image/png')).text).toContain('EntityTooSmall');
    const retyped = await post(form, png, 'text/html', { 'Content-Type': 'text/html' });
    expect(retyped.status).toBe(403);
    expect(retyped.text).toContain('Policy Condition failed');
    expect((await post(form, png, 'image/png', { key: 'tickets/o/T/evil' })).text).toContain('Policy Condition failed');
    expect((await post(form, png, 'image/png', { acl: 'public-read' })).text).toContain('Extra input fields: acl');
    const forged = await post(form, png, 'image/png', { 'X-Amz-Signature': '0'.repeat(64) });
    expect(forged).toMatchObject({ status: 403, text: expect.stringContaining('SignatureDoesNotMatch') });
    clock = () => new Date(Date.now() + 120_000);
    try {
      expect((await post(form, png, 'image/png')).text).toContain('Policy expired');
    } finally {
      clock = () => new Date();
    }
    expect(await store.stat('uploads/o/B1')).toBeUndefined();
  });

  it('refuses unsigned, tampered, expired and wrongly keyed requests', async () => {
    await store.put('tickets/o/T/C1', Buffer.from('hello'), 'text/plain');
    expect((await fetch(`${s3.url}/files/tickets/o/T/C1`)).status).toBe(403);
    const url = await store.downloadUrl({ key: 'tickets/o/T/C1', filename: 'a.txt', contentType: 'text/plain', expiresInSeconds: 60 });
    expect((await fetch(url.replace('a.txt', 'b.txt'))).status).toBe(403);
    expect((await fetch(url.replace('tickets/o/T/C1', 'tickets/o/T/C2'))).status).toBe(403);
    clock = () => new Date(Date.now() + 120_000);
    try {
      expect(await (await fetch(url)).text()).toContain('Request has expired');
    } finally {
      clock = () => new Date();
    }
    const stranger = new S3AttachmentStore(clientFor(s3.url, 'not-the-secret'), 'files');
    await expect(stranger.stat('tickets/o/T/C1')).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    await expect(stranger.put('tickets/o/T/C3', Buffer.from('x'), 'text/plain')).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });

  it('takes a streamed write as a multipart upload in parts, joined in order; a failed stream leaves nothing', async () => {
    const small = new S3AttachmentStore(clientFor(s3.url), 'files', 1024);
    async function* rows(n: number, fail = false) {
      for (let i = 0; i < n; i++) {
        if (fail && i === n - 1) throw new Error('page read failed');
        yield Buffer.from(`row ${String(i).padStart(4, '0')},${'x'.repeat(300)}\r\n`);
      }
    }
    const written = await small.putStream('exports/o/big.csv', rows(20), 'text/csv; charset=utf-8');
    const all: Buffer[] = [];
    for await (const row of rows(20)) all.push(row);
    const expected = Buffer.concat(all);
    // 311-byte rows: a part fills (>= 1024 bytes) every 4 rows.
    expect(written).toEqual({ bytes: expected.length, parts: 5 });
    expect(await store.stat('exports/o/big.csv')).toEqual({ size: expected.length, contentType: 'text/csv; charset=utf-8' });
    const url = await store.downloadUrl({ key: 'exports/o/big.csv', filename: 'big.csv', contentType: 'text/csv', expiresInSeconds: 60 });
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(expected);
    // Small enough for one part: a plain PutObject.
    expect(await small.putStream('exports/o/small.csv', rows(1), 'text/csv')).toEqual({ bytes: 311, parts: 1 });
    await expect(small.putStream('exports/o/broken.csv', rows(10, true), 'text/csv')).rejects.toThrow('page read failed');
    expect(await store.stat('exports/o/broken.csv')).toBeUndefined();
  });
});
