import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: what a tracking link carries. */
export function newTrackingToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashTrackingToken(token) };
}

/** What the table keeps: SHA-256 of the token (a stolen table opens no tracking page). */
export const hashTrackingToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('base64url');

export const trackingPath = (token: string) => `/track/${token}`;
