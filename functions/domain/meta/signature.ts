import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = /^sha256=([0-9a-f]{64})$/i;

/** Whether an `X-Hub-Signature-256` header has the form Meta sends (`sha256=` and 64 hex digits). */
export const isSignatureShaped = (header: string | undefined): header is string => !!header && HEADER.test(header.trim());

/**
 * Meta's `X-Hub-Signature-256`: `sha256=` + hex HMAC-SHA256 of the exact raw body bytes with the
 * app secret, compared in constant time (the digests are compared as bytes of equal length).
 */
export function verifyMetaSignature(rawBody: Buffer, header: string, appSecret: string): boolean {
  const match = HEADER.exec(header.trim());
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(match[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The header value for a body, as Meta computes it (tests, the README's curl lines). */
export const signMetaBody = (rawBody: Buffer | string, appSecret: string) =>
  `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
