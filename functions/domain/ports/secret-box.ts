/**
 * Encrypts channel secrets at rest (app secrets, access tokens): KMS in AWS, a key file in the
 * local data folder here. Ciphertexts are opaque strings; the context binds one to its owner, so a
 * ciphertext copied onto another channel does not decrypt there.
 */
export interface SecretBox {
  encrypt(plaintext: string, context: Record<string, string>): Promise<string>;
  /** @throws when the ciphertext was not made by this box with this context. */
  decrypt(ciphertext: string, context: Record<string, string>): Promise<string>;
}
