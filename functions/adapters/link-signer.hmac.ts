import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkSigner } from '../domain/ports/link-signer';

/** HMAC-SHA-256 under a key from `key` (an SSM SecureString in AWS: see key-material.ssm.ts). */
export class HmacLinkSigner implements LinkSigner {
  constructor(private readonly key: () => Promise<Buffer>) {}

  async sign(message: Buffer): Promise<Buffer> {
    return createHmac('sha256', await this.key()).update(message).digest();
  }

  async verify(message: Buffer, mac: Buffer): Promise<boolean> {
    const expected = await this.sign(message);
    return mac.length === expected.length && timingSafeEqual(mac, expected);
  }
}
