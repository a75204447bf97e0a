import { inject } from 'vitest';
import { eventually } from './eventually';

/** A small client for end-to-end tests: real HTTP against the runtime from runtime.json. */
export function api(token?: string) {
  const { httpUrl } = inject('runtime');
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${httpUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    return { status: res.status, headers: res.headers, body: json };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    patch: (path: string, body?: unknown, headers?: Record<string, string>) => call('PATCH', path, body, headers),
    put: (path: string, body?: unknown, headers?: Record<string, string>) => call('PUT', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => call('DELETE', path, undefined, headers),
  };
}

export const newTicket = (over: Record<string, unknown> = {}) => ({
  subject: 'Cannot log in',
  description: 'The login page spins forever.',
  priority: 'high',
  requester: { name: 'Carla Customer', email: 'carla@example.com' },
  ...over,
});

/**
 * A staff change at the ticket's current version, read again on 412 (the router, rules and SLA
 * timers may move the ticket on meanwhile): what a careful client does. Returns the new view.
 */
export async function patchTicketAtCurrentVersion(client: ReturnType<typeof api>, id: string, body: Record<string, unknown>) {
  for (let attempt = 0; ; attempt++) {
    const current = (await client.get(`/v1/tickets/${id}`)).body;
    const res = await client.patch(`/v1/tickets/${id}`, body, { 'if-match': `"${current.version}"` });
    if (res.status === 412 && attempt < 5) continue;
    if (res.status !== 200) throw new Error(`PATCH /v1/tickets/${id} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

/**
 * Every item of a cursor-paged list (`limit=100` pages, following `nextCursor`): for finding a
 * row in a list that other files' rows share on the shared runtime, whatever its position.
 */
export async function allPages<T = any>(client: ReturnType<typeof api>, path: string, maxPages = 100): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const res = await client.get(`${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    items.push(...(res.body.items as T[]));
    cursor = res.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error(`GET ${path}: more than ${maxPages} pages`);
}

/**
 * Waits until the dev event log has an event of `type` on the ticket (and `match`, if given).
 * The local runtime logs an event once every rule target took it, so this is the positive signal
 * before asserting that a consumer did NOT do something with that event (no mail, no change, no
 * frame): without it such an absence passes vacuously while the pump lags.
 */
export async function eventDelivered(
  client: ReturnType<typeof api>, ticketId: string, type: string, match: (event: { detail: any }) => boolean = () => true,
): Promise<{ detail: any }> {
  return eventually(async () => {
    const { body } = await client.get(`/v1/dev/events?ticketId=${ticketId}&type=${type}`);
    const found = (body.items as { detail: any }[]).find(match);
    if (!found) throw new Error(`no ${type} event of ticket ${ticketId} in the dev event log yet`);
    return found;
  });
}

/**
 * Waits until the local scheduler has fired every timer of the caller's organization that is due
 * on the dev clock. A clock move (any file's) fires the timers of every earlier ticket, and each
 * firing moves that ticket's `updatedAt`: a list ordered by update time reshuffles until then.
 */
export async function dueTimersFired(client: ReturnType<typeof api>, timeoutMs = 480_000): Promise<void> {
  await eventually(async () => {
    const now = Date.parse((await client.get('/v1/dev/clock')).body.now);
    const pending = (await client.get('/v1/dev/schedules')).body.pending as { name: string; at: string; retryAt?: string }[];
    const due = pending.filter((t) => Date.parse(t.at) <= now && (!t.retryAt || Date.parse(t.retryAt) <= now));
    if (due.length) throw new Error(`${due.length} due timers not fired yet (${due.slice(0, 3).map((t) => t.name).join(', ')}…)`);
  }, timeoutMs, 1000);
}
