import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LinkSigner } from '../../../functions/domain/ports/link-signer';

/** HMAC-SHA-256 with a key kept in the local state folder, so links survive a restart. */
export class LocalLinkSigner implements LinkSigner {
  private readonly key: Buffer;

  constructor(dir: string) {
    const file = path.join(dir, 'link-signing.key');
    if (!existsSync(file)) {
      try {
        writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another function made it first
      }
    }
    this.key = Buffer.from(readFileSync(file, 'utf8'), 'base64');
  }

  async sign(message: Buffer): Promise<Buffer> {
    return createHmac('sha256', this.key).update(message).digest();
  }

  async verify(message: Buffer, mac: Buffer): Promise<boolean> {
    const expected = await this.sign(message);
    return mac.length === expected.length && timingSafeEqual(mac, expected);
  }
}
