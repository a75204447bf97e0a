import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SecretBox } from '../../../functions/domain/ports/secret-box';
import { localStateDir } from './local-state';

/**
 * Plays KMS: AES-256-GCM under a key file in the data folder (`secrets/meta.key`, made on first
 * use, mode 0600), the encryption context as associated data, so a ciphertext opens only for the
 * context it was made with, as with KMS.
 */
export class LocalSecretBox implements SecretBox {
  private readonly key: Buffer;

  constructor(dataDir: string) {
    const file = path.join(localStateDir(dataDir, 'secrets'), 'meta.key');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    this.key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }

  async encrypt(plaintext: string, context: Record<string, string>): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(aad(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `local1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  async decrypt(ciphertext: string, context: Record<string, string>): Promise<string> {
    if (!ciphertext.startsWith('local1:')) throw new Error('not a ciphertext of the local secret box');
    const raw = Buffer.from(ciphertext.slice('local1:'.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(aad(context));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

const aad = (context: Record<string, string>) => Buffer.from(JSON.stringify(Object.entries(context).sort()), 'utf8');
