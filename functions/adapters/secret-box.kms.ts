import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { SecretBox } from '../domain/ports/secret-box';

/** How long a decrypted secret is kept in the container: a webhook burst costs one Decrypt, not one each. */
const CACHE_MS = 5 * 60_000;
const CACHE_MAX = 500;

/**
 * KMS envelope-free encryption of small secrets (app secrets and tokens are far below KMS's
 * 4 KiB plaintext limit), bound to their owner by the encryption context. Decryptions are cached
 * briefly per container, keyed by ciphertext and context.
 */
export class KmsSecretBox implements SecretBox {
  private readonly cache = new Map<string, { value: string; until: number }>();

  constructor(private readonly client: KMSClient, private readonly keyId: string, private readonly now = () => Date.now()) {}

  async encrypt(plaintext: string, context: Record<string, string>): Promise<string> {
    const { CiphertextBlob } = await this.client.send(new EncryptCommand({
      KeyId: this.keyId, Plaintext: Buffer.from(plaintext, 'utf8'), EncryptionContext: context,
    }));
    if (!CiphertextBlob) throw new Error('KMS returned no ciphertext');
    return Buffer.from(CiphertextBlob).toString('base64');
  }

  async decrypt(ciphertext: string, context: Record<string, string>): Promise<string> {
    const key = `${ciphertext}\u0000${JSON.stringify(Object.entries(context).sort())}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    const { Plaintext } = await this.client.send(new DecryptCommand({
      KeyId: this.keyId, CiphertextBlob: Buffer.from(ciphertext, 'base64'), EncryptionContext: context,
    }));
    if (!Plaintext) throw new Error('KMS returned no plaintext');
    const value = Buffer.from(Plaintext).toString('utf8');
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { value, until: this.now() + CACHE_MS });
    return value;
  }
}
