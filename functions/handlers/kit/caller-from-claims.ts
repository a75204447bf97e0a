import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type Caller, type Claims, callerOfClaims } from '../../domain/caller';
import { HttpProblem } from './problems';

export { groupsOf } from '../../domain/caller';

/**
 * The caller from the claims the JWT authorizer verified.
 * @throws HttpProblem 401 without verified claims, 403 without a known role or organization.
 */
export function callerFromClaims(event: APIGatewayProxyEventV2): Caller {
  // IAM and Lambda authorizers, or none, put no `jwt` here: the caller is then unknown (401), not a TypeError.
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } } | undefined)?.authorizer?.jwt?.claims;
  if (!claims?.sub) throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'a valid bearer token is required');
  const caller = callerOfClaims(claims);
  if (!caller) throw new HttpProblem(403, 'forbidden', 'Forbidden', 'the token carries no helpdesk role or organization');
  return caller;
}
