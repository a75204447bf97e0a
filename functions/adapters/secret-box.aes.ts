import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../domain/ports/secret-box';

const PREFIX = 'aes1:';

/**
 * AES-256-GCM under a key from `key` (an SSM SecureString in AWS: see key-material.ssm.ts), the
 * encryption context as associated data, so a ciphertext opens only for the owner it was made
 * for, as with KMS's encryption context. No call per secret: the key is read once per container.
 */
export class AesSecretBox implements SecretBox {
  constructor(private readonly key: () => Promise<Buffer>) {}

  async encrypt(plaintext: string, context: Record<string, string>): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.key(), iv);
    cipher.setAAD(aad(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  async decrypt(ciphertext: string, context: Record<string, string>): Promise<string> {
    if (!ciphertext.startsWith(PREFIX)) throw new Error('not a ciphertext of this secret box');
    const raw = Buffer.from(ciphertext.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', await this.key(), raw.subarray(0, 12));
    decipher.setAAD(aad(context));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

const aad = (context: Record<string, string>) => Buffer.from(JSON.stringify(Object.entries(context).sort()), 'utf8');
