import { GetParameterCommand, ParameterAlreadyExists, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SsmKeyMaterial } from '../../../functions/adapters/key-material.ssm';
import { HmacLinkSigner } from '../../../functions/adapters/link-signer.hmac';
import { AesSecretBox } from '../../../functions/adapters/secret-box.aes';

const ssm = mockClient(SSMClient);
const NAME = '/Helpdesk/link-signing-key';
const KEY = Buffer.alloc(32, 7).toString('base64');
const missing = () => new ParameterNotFound({ message: 'not found', $metadata: {} });

beforeEach(() => ssm.reset());

describe('SsmKeyMaterial', () => {
  it('reads the SecureString with decryption, once per container', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: KEY } });
    const material = new SsmKeyMaterial(new SSMClient({ region: 'eu-west-1' }), NAME);
    expect(await material.key()).toEqual(Buffer.alloc(32, 7));
    await material.key();
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    expect(ssm.commandCalls(GetParameterCommand)[0].args[0].input).toEqual({ Name: NAME, WithDecryption: true });
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
  });

  it('makes a random key on first use without overwriting, and reads what won a race', async () => {
    ssm.on(GetParameterCommand).rejectsOnce(missing()).resolves({ Parameter: { Value: KEY } });
    ssm.on(PutParameterCommand).rejects(new ParameterAlreadyExists({ message: 'exists', $metadata: {} }));
    const key = await new SsmKeyMaterial(new SSMClient({ region: 'eu-west-1' }), NAME).key();
    expect(key).toEqual(Buffer.alloc(32, 7));
    expect(ssm.commandCalls(PutParameterCommand)[0].args[0].input).toMatchObject({ Name: NAME, Type: 'SecureString', Overwrite: false, Tier: 'Standard' });
    expect(Buffer.from(ssm.commandCalls(PutParameterCommand)[0].args[0].input.Value!, 'base64')).toHaveLength(32);
  });

  it('retries a failed read on the next call', async () => {
    ssm.on(GetParameterCommand).rejectsOnce(new Error('throttled')).resolves({ Parameter: { Value: KEY } });
    const material = new SsmKeyMaterial(new SSMClient({ region: 'eu-west-1' }), NAME);
    await expect(material.key()).rejects.toThrow('throttled');
    expect(await material.key()).toEqual(Buffer.alloc(32, 7));
  });
});

describe('HmacLinkSigner and AesSecretBox over a key', () => {
  const key = async () => Buffer.alloc(32, 9);
  const context = { orgId: 'org-1', channelId: 'ch-1', field: 'appSecret' };

  it('verifies its own MACs only', async () => {
    const signer = new HmacLinkSigner(key);
    const mac = await signer.sign(Buffer.from('claims'));
    expect(await signer.verify(Buffer.from('claims'), mac)).toBe(true);
    expect(await signer.verify(Buffer.from('claimz'), mac)).toBe(false);
    expect(await signer.verify(Buffer.from('claims'), mac.subarray(1))).toBe(false);
  });

  it('opens a ciphertext only with the context it was sealed for', async () => {
    const box = new AesSecretBox(key);
    const sealed = await box.encrypt('s3cr3t', context);
    expect(sealed).not.toContain('s3cr3t');
    expect(await box.decrypt(sealed, { ...context })).toBe('s3cr3t');
    await expect(box.decrypt(sealed, { ...context, channelId: 'ch-2' })).rejects.toThrow();
    await expect(box.decrypt('bm9wZQ==', context)).rejects.toThrow();
  });
});
