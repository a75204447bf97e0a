import { inject } from 'vitest';

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
