import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import { InvalidCursorError } from '../errors';

/**
 * Page cursors handed to clients: the store's cursor sealed with the fingerprint of the query
 * (organization and filters) that issued it, so a cursor cannot be replayed against another
 * query or organization.
 */

/** A short, stable fingerprint of a query: its organization and its filters in any key order. */
export function queryFingerprint(orgId: string, filters: Record<string, unknown> = {}): string {
  return createHash('sha256').update(orgId).update(canonicalJson(filters)).digest('base64url').slice(0, 16);
}

/** The client's cursor for the store's next-page cursor; null on the last page. */
export function sealCursor(storeCursor: string | null | undefined, fingerprint: string): string | null {
  return storeCursor ? Buffer.from(JSON.stringify({ f: fingerprint, c: storeCursor })).toString('base64url') : null;
}

/**
 * The store's cursor inside a client's cursor; null without one.
 * @throws InvalidCursorError for a cursor that is unreadable or was issued for another query.
 */
export function openCursor(cursor: string | null | undefined, fingerprint: string): string | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed?.f === fingerprint && typeof parsed.c === 'string') return parsed.c;
  } catch {
    // fall through: anything unreadable is simply not our cursor
  }
  throw new InvalidCursorError();
}
