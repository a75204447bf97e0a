import { type Role, highestRole, isStaffRole, isSupervisorRole } from '../../schemas/roles';

export { highestRole } from '../../schemas/roles';

/** Who is acting: always from a verified token, never from a request body. */
export interface Caller {
  orgId: string;
  userId: string;
  email: string;
  name?: string;
  role: Role;
}

export const isStaff = (caller: Pick<Caller, 'role'>) => isStaffRole(caller.role);
export const isSupervisor = (caller: Pick<Caller, 'role'>) => isSupervisorRole(caller.role);

/** Verified token claims as the HTTP authorizer and the WebSocket `$connect` hand them over. */
export type Claims = Record<string, unknown>;

/**
 * The caller of verified claims; undefined without a subject, a helpdesk role or an
 * organization. API Gateway flattens list claims to strings like "[admin agent]"; the local
 * runtime passes the same shape, a verifier may pass a real list. Pure: the claims are
 * already verified.
 */
export function callerOfClaims(claims: Claims): Caller | undefined {
  const role = highestRole(groupsOf(claims['cognito:groups']));
  const orgId = claims['custom:orgId'];
  if (!claims.sub || !role || typeof orgId !== 'string' || !orgId) return undefined;
  return {
    orgId,
    userId: String(claims.sub),
    email: String(claims.email ?? ''),
    name: typeof claims.name === 'string' ? claims.name : undefined,
    role,
  };
}

/**
 * The groups of a `cognito:groups` claim: a list, or API Gateway's flattened "[a b]" / "a,b"
 * string, or a JSON-ish one ('["a","b"]', what an authorizer that stringifies arrays passes).
 */
export function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value.trim().replace(/^\[|\]$/g, '').split(/[\s,]+/).map((group) => group.replace(/^["']|["']$/g, '')).filter(Boolean);
}
