import { type Caller, isStaff } from '../caller';
import { InvalidCursorError } from '../errors';
import type { Deps } from '../store/store';
import { loadTicket } from './load-ticket';
import type { Message } from './message.entity';

export interface MessagePage {
  items: Message[];
  nextCursor: string | null;
}

/**
 * One page of a ticket's thread, oldest first (`asc`) or newest first, read from the
 * ticket's partition by message id (ULIDs: time order). Customers get public messages only.
 * @throws NotFoundError (ticket missing or hidden), InvalidCursorError
 */
export async function listMessages(
  deps: Deps,
  caller: Caller,
  ticketId: string,
  query: { limit: number; cursor?: string; order: 'asc' | 'desc' },
): Promise<MessagePage> {
  await loadTicket(deps, caller, ticketId);
  return readMessages(deps, caller, ticketId, query);
}

/** The page without the ticket check, for callers that already loaded the ticket. */
export async function readMessages(
  deps: Deps,
  caller: Caller,
  ticketId: string,
  query: { limit: number; cursor?: string; order: 'asc' | 'desc' },
): Promise<MessagePage> {
  const staff = isStaff(caller);
  const fingerprint = `${caller.orgId}/${ticketId}/${query.order}/${staff ? 'staff' : 'public'}`;
  const storeCursor = query.cursor ? openCursor(query.cursor, fingerprint) : null;
  const base = deps.store.entities.message.query.byTicket({ orgId: caller.orgId, ticketId });
  const filtered = staff ? base : base.where(({ internal }, { eq }) => eq(internal, false));
  try {
    const page = await filtered.go({ cursor: storeCursor, count: query.limit, limit: staff ? query.limit : Math.max(query.limit, 50), order: query.order });
    return { items: page.data, nextCursor: page.cursor ? sealCursor(page.cursor, fingerprint) : null };
  } catch (error) {
    if (storeCursor && /ExclusiveStartKey|cursor/i.test((error as Error).message)) throw new InvalidCursorError();
    throw error;
  }
}

/** The store's cursor, bound to the ticket, order and visibility that issued it. */
function sealCursor(storeCursor: string, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ f: fingerprint, c: storeCursor })).toString('base64url');
}

function openCursor(cursor: string, fingerprint: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { f?: unknown; c?: unknown };
    if (parsed.f === fingerprint && typeof parsed.c === 'string') return parsed.c;
  } catch {
    // anything unreadable is simply not our cursor
  }
  throw new InvalidCursorError();
}
