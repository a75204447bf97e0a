import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3AttachmentStore, attachmentDisposition } from '../../../functions/adapters/attachment-store.s3';

const s3 = mockClient(S3Client);
const client = () => new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
beforeEach(() => s3.reset());

describe('S3AttachmentStore', () => {
  it('signs a POST policy pinning the key, the type and the exact size', async () => {
    const form = await new S3AttachmentStore(client(), 'files').uploadForm({ key: 'uploads/o/A1', contentType: 'image/png', size: 1234, expiresInSeconds: 900 });
    expect(form.url).toBe('https://files.s3.eu-west-1.amazonaws.com/');
    expect(form.fields).toMatchObject({ key: 'uploads/o/A1', 'Content-Type': 'image/png', bucket: 'files', 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' });
    const policy = JSON.parse(Buffer.from(form.fields.Policy, 'base64').toString());
    expect(policy.conditions).toEqual(expect.arrayContaining([
      ['content-length-range', 1234, 1234], ['eq', '$Content-Type', 'image/png'], { key: 'uploads/o/A1' }, { bucket: 'files' },
    ]));
    expect(Math.abs(Date.parse(policy.expiration) - form.expiresAt.getTime())).toBeLessThan(2000);
  });

  it('stats, reads the first bytes, copies, removes and puts with the exact requests', async () => {
    s3.on(HeadObjectCommand, { Key: 'uploads/o/A1' }).resolves({ ContentLength: 5, ContentType: 'image/png' });
    s3.on(HeadObjectCommand, { Key: 'uploads/o/none' }).rejects(new NotFound({ message: 'no', $metadata: { httpStatusCode: 404 } }));
    s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => new Uint8Array([1, 2]) } } as never);
    s3.on(CopyObjectCommand).resolves({});
    s3.on(DeleteObjectCommand).resolves({});
    s3.on(PutObjectCommand).resolves({});
    const store = new S3AttachmentStore(new S3Client({}), 'files');
    expect(await store.stat('uploads/o/A1')).toEqual({ size: 5, contentType: 'image/png' });
    expect(await store.stat('uploads/o/none')).toBeUndefined();
    expect(await store.readHead('uploads/o/A1', 65536)).toEqual(Buffer.from([1, 2]));
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input).toEqual({ Bucket: 'files', Key: 'uploads/o/A1', Range: 'bytes=0-65535' });
    await store.copy('uploads/o/A1', 'tickets/o/T1/A1');
    expect(s3.commandCalls(CopyObjectCommand)[0].args[0].input).toEqual({ Bucket: 'files', Key: 'tickets/o/T1/A1', CopySource: 'files/uploads/o/A1', MetadataDirective: 'COPY' });
    await store.remove('uploads/o/A1');
    expect(s3.commandCalls(DeleteObjectCommand)[0].args[0].input).toEqual({ Bucket: 'files', Key: 'uploads/o/A1' });
    await store.put('tickets/o/T1/A2', Buffer.from('x'), 'text/plain');
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toEqual({ Bucket: 'files', Key: 'tickets/o/T1/A2', Body: Buffer.from('x'), ContentType: 'text/plain' });
  });

  it('presigns a GET that downloads under the file name with the stored type', async () => {
    const url = new URL(await new S3AttachmentStore(client(), 'files').downloadUrl({ key: 'tickets/o/T1/A1', filename: 'Bild ä.png', contentType: 'image/png', expiresInSeconds: 300 }));
    expect(url.host).toBe('files.s3.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe('/tickets/o/T1/A1');
    expect(url.searchParams.get('response-content-type')).toBe('image/png');
    expect(url.searchParams.get('response-content-disposition')).toBe(attachmentDisposition('Bild ä.png'));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});
