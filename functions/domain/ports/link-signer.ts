/**
 * The port that signs the links in mail (survey, unsubscribe): a MAC over the link's claims,
 * with a key the function never sees in AWS (KMS HMAC key) and a local key file locally.
 */
export interface LinkSigner {
  sign(message: Buffer): Promise<Buffer>;
  /** Constant-time check of a MAC that `sign` made. */
  verify(message: Buffer, mac: Buffer): Promise<boolean>;
}
