import { GenerateMacCommand, type KMSClient, VerifyMacCommand } from '@aws-sdk/client-kms';
import type { LinkSigner } from '../domain/ports/link-signer';

/** HMAC-SHA-256 with a KMS HMAC key: the key never leaves KMS, a function holds only the grant. */
export class KmsLinkSigner implements LinkSigner {
  constructor(private readonly client: KMSClient, private readonly keyId: string) {}

  async sign(message: Buffer): Promise<Buffer> {
    const { Mac } = await this.client.send(new GenerateMacCommand({ KeyId: this.keyId, MacAlgorithm: 'HMAC_SHA_256', Message: message }));
    if (!Mac) throw new Error('KMS GenerateMac returned no MAC');
    return Buffer.from(Mac);
  }

  async verify(message: Buffer, mac: Buffer): Promise<boolean> {
    if (mac.length !== 32) return false;
    try {
      const { MacValid } = await this.client.send(new VerifyMacCommand({ KeyId: this.keyId, MacAlgorithm: 'HMAC_SHA_256', Message: message, Mac: mac }));
      return MacValid === true;
    } catch (error) {
      // KMS answers a MAC that does not verify with KMSInvalidMacException, not MacValid: false.
      if ((error as { name?: string }).name === 'KMSInvalidMacException') return false;
      throw error;
    }
  }
}
