import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SesMailSender } from '../../../../functions/adapters/mail-sender.ses';
import { S3ObjectStore } from '../../../../functions/adapters/object-store.s3';
import { ObjectNotFoundError } from '../../../../functions/domain/ports/object-store';

const s3 = mockClient(S3Client);
const ses = mockClient(SESv2Client);
beforeEach(() => {
  s3.reset();
  ses.reset();
});

describe('S3ObjectStore', () => {
  it('puts with the bucket, key and content type', async () => {
    s3.on(PutObjectCommand).resolves({});
    await new S3ObjectStore(new S3Client({}), 'mail-bucket').put('tickets/o/t/1-a.pdf', Buffer.from('pdf'), 'application/pdf');
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toEqual({
      Bucket: 'mail-bucket', Key: 'tickets/o/t/1-a.pdf', Body: Buffer.from('pdf'), ContentType: 'application/pdf',
    });
  });

  it('gets the raw mail from the bucket the SES notification names', async () => {
    const Body = { transformToByteArray: async () => new Uint8Array(Buffer.from('From: a@b\r\n\r\nhi')) };
    s3.on(GetObjectCommand).resolves({ Body } as never);
    const raw = await new S3ObjectStore(new S3Client({}), 'mail-bucket').get('inbound/abc', 'ses-bucket');
    expect(raw.toString()).toBe('From: a@b\r\n\r\nhi');
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input).toEqual({ Bucket: 'ses-bucket', Key: 'inbound/abc' });
  });

  it('turns NoSuchKey into ObjectNotFoundError', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: {} }));
    await expect(new S3ObjectStore(new S3Client({}), 'b').get('inbound/x')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });
});

describe('SesMailSender', () => {
  it('sends raw MIME with SES v2 SendEmail, from and to as given', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const raw = Buffer.from('Message-ID: <hd.1@x>\r\n\r\nhi');
    const out = await new SesMailSender(new SESv2Client({}), 'helpdesk').send({ from: 'support@x.example', to: ['c@y.example'], raw });
    expect(out).toEqual({ providerId: 'ses-1' });
    const input = ses.commandCalls(SendEmailCommand)[0].args[0].input;
    expect(input).toMatchObject({
      FromEmailAddress: 'support@x.example',
      Destination: { ToAddresses: ['c@y.example'] },
      ConfigurationSetName: 'helpdesk',
    });
    expect(Buffer.from(input.Content!.Raw!.Data!).toString()).toBe(raw.toString());
    expect(input.Content?.Simple).toBeUndefined();
  });
});
