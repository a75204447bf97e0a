import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signature Version 4 as S3 checks it, for the local stand-in: header-signed requests (the SDK),
 * presigned URLs (query-signed) and presigned POST policies. Recomputed from the request as
 * received; a mismatch, an unknown key or an expired request is refused.
 */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export type Verdict = { ok: true } | { ok: false; code: 'AccessDenied' | 'SignatureDoesNotMatch' | 'InvalidAccessKeyId' | 'AuthorizationQueryParametersError' | 'XAmzContentSHA256Mismatch'; message: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it. */
export const escapeUri = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/** `20261129T130000Z` → Date */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

interface Request {
  method: string;
  /** The path exactly as received (already URI-encoded once, as S3 signs it). */
  rawPath: string;
  /** The raw query string, without `?`. */
  rawQuery: string;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

function canonicalQuery(rawQuery: string, skip?: string): string {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&').filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, '%20'));
    const value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, '%20'));
    if (key !== skip) pairs.push([escapeUri(key), escapeUri(value)]);
  }
  return pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');
}

function canonicalRequest(req: Request, signedHeaders: string[], payloadHash: string, skipQuery?: string): string {
  const headers = signedHeaders.map((name) => `${name}:${(req.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  return [req.method, req.rawPath, canonicalQuery(req.rawQuery, skipQuery), headers, signedHeaders.join(';'), payloadHash].join('\n');
}

function expected(secret: string, amzDate: string, scope: string, canonical: string): string {
  const [date, region, service] = scope.split('/');
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
  return createHmac('sha256', signingKey(secret, date, region, service)).update(stringToSign).digest('hex');
}

/** A request signed in its Authorization header, as the SDK sends them. */
export function verifyHeaderSigned(req: Request, lookup: (accessKeyId: string) => string | undefined, now: Date): Verdict {
  const auth = req.headers.authorization ?? '';
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8}\/[^/]+\/[^/]+\/aws4_request), ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return { ok: false, code: 'AccessDenied', message: 'the request is not signed with AWS Signature Version 4' };
  const [, accessKeyId, scope, signedHeaderList, signature] = m;
  const secret = lookup(accessKeyId);
  if (!secret) return { ok: false, code: 'InvalidAccessKeyId', message: `unknown access key ${accessKeyId}` };
  const amzDate = req.headers['x-amz-date'] ?? '';
  const at = parseAmzDate(amzDate);
  if (!at || Math.abs(now.getTime() - at.getTime()) > 15 * 60_000) return { ok: false, code: 'AccessDenied', message: 'the request time is too skewed' };
  const payloadHash = req.headers['x-amz-content-sha256'] ?? '';
  if (!payloadHash) return { ok: false, code: 'AccessDenied', message: 'x-amz-content-sha256 is missing' };
  if (/^[0-9a-f]{64}$/.test(payloadHash) && payloadHash !== sha256Hex(req.body)) {
    return { ok: false, code: 'XAmzContentSHA256Mismatch', message: 'the body does not match x-amz-content-sha256' };
  }
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) return { ok: false, code: 'AccessDenied', message: 'host must be signed' };
  const want = expected(secret, amzDate, scope, canonicalRequest(req, signedHeaders, payloadHash));
  return same(want, signature) ? { ok: true } : { ok: false, code: 'SignatureDoesNotMatch', message: 'the request signature does not match' };
}

/** A presigned URL (query-signed): signature, then expiry. */
export function verifyPresignedUrl(req: Request, lookup: (accessKeyId: string) => string | undefined, now: Date): Verdict {
  const query = new URLSearchParams(req.rawQuery);
  if (query.get('X-Amz-Algorithm') !== ALGORITHM) return { ok: false, code: 'AuthorizationQueryParametersError', message: 'X-Amz-Algorithm must be AWS4-HMAC-SHA256' };
  const credential = query.get('X-Amz-Credential') ?? '';
  const slash = credential.indexOf('/');
  const accessKeyId = credential.slice(0, slash);
  const scope = credential.slice(slash + 1);
  const amzDate = query.get('X-Amz-Date') ?? '';
  const expires = Number(query.get('X-Amz-Expires'));
  const signature = query.get('X-Amz-Signature') ?? '';
  const signedHeaders = (query.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean);
  const at = parseAmzDate(amzDate);
  if (slash < 0 || !at || !Number.isInteger(expires) || expires < 1 || expires > 604_800 || !signature || !signedHeaders.includes('host')) {
    return { ok: false, code: 'AuthorizationQueryParametersError', message: 'the presigned URL is malformed' };
  }
  const secret = lookup(accessKeyId);
  if (!secret) return { ok: false, code: 'InvalidAccessKeyId', message: `unknown access key ${accessKeyId}` };
  const want = expected(secret, amzDate, scope, canonicalRequest(req, signedHeaders, 'UNSIGNED-PAYLOAD', 'X-Amz-Signature'));
  if (!same(want, signature)) return { ok: false, code: 'SignatureDoesNotMatch', message: 'the URL signature does not match' };
  if (now.getTime() > at.getTime() + expires * 1000) return { ok: false, code: 'AccessDenied', message: 'Request has expired' };
  return { ok: true };
}

/** The signature of a presigned POST: HMAC of the base64 policy with the credential's signing key. */
export function verifyPolicySignature(fields: Record<string, string>, lookup: (accessKeyId: string) => string | undefined): Verdict {
  const credential = fields['x-amz-credential'] ?? '';
  const [accessKeyId, date, region, service, terminator] = credential.split('/');
  if (fields['x-amz-algorithm'] !== ALGORITHM || !date || terminator !== 'aws4_request' || !fields.policy || !fields['x-amz-signature']) {
    return { ok: false, code: 'AccessDenied', message: 'the form is not a Signature Version 4 POST' };
  }
  const secret = lookup(accessKeyId);
  if (!secret) return { ok: false, code: 'InvalidAccessKeyId', message: `unknown access key ${accessKeyId}` };
  const want = createHmac('sha256', signingKey(secret, date, region, service)).update(fields.policy).digest('hex');
  return same(want, fields['x-amz-signature']) ? { ok: true } : { ok: false, code: 'SignatureDoesNotMatch', message: 'the form signature does not match its policy' };
}
