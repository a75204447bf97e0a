import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type Caller, highestRole } from '../../domain/caller';
import { HttpProblem } from './problems';

type Claims = Record<string, string | number | boolean | string[]>;

/**
 * The caller from the claims the JWT authorizer verified. API Gateway flattens list claims
 * to strings like "[admin agent]"; the local runtime passes the same shape.
 * @throws HttpProblem 401 without verified claims, 403 without a known role or organization.
 */
export function callerFromClaims(event: APIGatewayProxyEventV2): Caller {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;
  if (!claims?.sub) throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'a valid bearer token is required');
  const role = highestRole(groupsOf(claims['cognito:groups']));
  const orgId = claims['custom:orgId'];
  if (!role || typeof orgId !== 'string' || !orgId) {
    throw new HttpProblem(403, 'forbidden', 'Forbidden', 'the token carries no helpdesk role or organization');
  }
  return {
    orgId,
    userId: String(claims.sub),
    email: String(claims.email ?? ''),
    name: typeof claims.name === 'string' ? claims.name : undefined,
    role,
  };
}

export function groupsOf(value: Claims[string] | undefined): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}
