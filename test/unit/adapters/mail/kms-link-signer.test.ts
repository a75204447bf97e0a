import { GenerateMacCommand, KMSClient, KMSInvalidMacException, VerifyMacCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { KmsLinkSigner } from '../../../../functions/adapters/link-signer.kms';

const kms = mockClient(KMSClient);
beforeEach(() => kms.reset());
const signer = () => new KmsLinkSigner(new KMSClient({}), 'key-1');
const mac = Buffer.alloc(32, 7);

describe('KmsLinkSigner', () => {
  it('signs with GenerateMac, HMAC-SHA-256, on the configured key', async () => {
    kms.on(GenerateMacCommand).resolves({ Mac: new Uint8Array(mac) });
    expect(await signer().sign(Buffer.from('claims'))).toEqual(mac);
    expect(kms.commandCalls(GenerateMacCommand)[0].args[0].input).toEqual({ KeyId: 'key-1', MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('claims') });
  });

  it('verifies with VerifyMac, and reads KMS\'s invalid-MAC error as "no"', async () => {
    kms.on(VerifyMacCommand).resolvesOnce({ MacValid: true }).rejectsOnce(new KMSInvalidMacException({ message: 'invalid', $metadata: {} }));
    expect(await signer().verify(Buffer.from('claims'), mac)).toBe(true);
    expect(await signer().verify(Buffer.from('claims'), mac)).toBe(false);
    expect(kms.commandCalls(VerifyMacCommand)[0].args[0].input).toEqual({ KeyId: 'key-1', MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('claims'), Mac: mac });
  });

  it('refuses a MAC of the wrong length without calling KMS, and lets other KMS errors through', async () => {
    expect(await signer().verify(Buffer.from('claims'), Buffer.alloc(5))).toBe(false);
    expect(kms.commandCalls(VerifyMacCommand)).toHaveLength(0);
    kms.on(VerifyMacCommand).rejects(new Error('throttled'));
    await expect(signer().verify(Buffer.from('claims'), mac)).rejects.toThrow('throttled');
  });
});
