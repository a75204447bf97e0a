import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { KmsSecretBox } from '../../../../functions/adapters/secret-box.kms';

const kms = mockClient(KMSClient);
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const context = { orgId: 'org-1', channelId: 'ch-1', field: 'appSecret', purpose: 'helpdesk-meta-channel' };

beforeEach(() => kms.reset());

describe('KmsSecretBox', () => {
  it('encrypts with the key and the encryption context, and returns the ciphertext as base64', async () => {
    kms.on(EncryptCommand).resolves({ CiphertextBlob: Uint8Array.from([1, 2, 3, 250]) });
    const box = new KmsSecretBox(new KMSClient({ region: 'eu-west-1' }), KEY);
    expect(await box.encrypt('s3cr3t', context)).toBe(Buffer.from([1, 2, 3, 250]).toString('base64'));
    expect(kms.commandCalls(EncryptCommand)[0].args[0].input).toEqual({ KeyId: KEY, Plaintext: Buffer.from('s3cr3t'), EncryptionContext: context });
  });

  it('decrypts with the same context, once per container for a burst', async () => {
    kms.on(DecryptCommand).resolves({ Plaintext: Buffer.from('s3cr3t') });
    let now = 1_000;
    const box = new KmsSecretBox(new KMSClient({ region: 'eu-west-1' }), KEY, () => now);
    const ciphertext = Buffer.from([9, 9, 9]).toString('base64');
    for (let i = 0; i < 5; i++) expect(await box.decrypt(ciphertext, context)).toBe('s3cr3t');
    expect(kms.commandCalls(DecryptCommand)).toHaveLength(1);
    expect(kms.commandCalls(DecryptCommand)[0].args[0].input).toEqual({ KeyId: KEY, CiphertextBlob: Buffer.from([9, 9, 9]), EncryptionContext: context });
    // Another context is another question for KMS; so is the same one after five minutes.
    await box.decrypt(ciphertext, { ...context, field: 'accessToken' });
    now += 5 * 60_000 + 1;
    await box.decrypt(ciphertext, context);
    expect(kms.commandCalls(DecryptCommand)).toHaveLength(3);
  });

  it('fails when KMS refuses (wrong context, revoked key): nothing is cached', async () => {
    kms.on(DecryptCommand).rejectsOnce(Object.assign(new Error('InvalidCiphertextException'), { name: 'InvalidCiphertextException' })).resolves({ Plaintext: Buffer.from('ok') });
    const box = new KmsSecretBox(new KMSClient({ region: 'eu-west-1' }), KEY);
    await expect(box.decrypt('AAAA', context)).rejects.toThrow('InvalidCiphertextException');
    expect(await box.decrypt('AAAA', context)).toBe('ok');
  });
});
