/** The signed-in user, read from the ID token the API also verifies. */
export type Role = 'admin' | 'supervisor' | 'agent' | 'customer';

export interface Session {
  token: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  orgId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const KEY = 'helpdesk.session';
const RANK: Role[] = ['admin', 'supervisor', 'agent', 'customer'];

export const isStaffRole = (role: Role) => role !== 'customer';

/** Claims of a JWT without verifying it (the API verifies; the app only needs to know who it is). */
export function decodeClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

/** Cognito puts groups in `cognito:groups`; the highest role wins, as on the server. */
export function sessionOf(token: string): Session {
  const claims = decodeClaims(token);
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as string[]) : [];
  const role = RANK.find((r) => groups.includes(r));
  if (!role) throw new Error('this account has no helpdesk role yet; ask an admin');
  const orgId = String(claims['custom:orgId'] ?? '');
  if (!orgId) throw new Error('this account belongs to no organization yet; ask an admin');
  return {
    token,
    userId: String(claims.sub),
    email: String(claims.email ?? ''),
    name: String(claims.name ?? claims.email ?? claims.sub),
    role,
    orgId,
    expiresAt: Number(claims.exp ?? 0) * 1000,
  };
}

export function storedSession(now = Date.now()): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const session = sessionOf(raw);
    return session.expiresAt > now + 30_000 ? session : undefined;
  } catch {
    return undefined;
  }
}

export function storeSession(token: string): Session {
  const session = sessionOf(token);
  sessionStorage.setItem(KEY, token);
  return session;
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
