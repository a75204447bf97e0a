import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type Caller, type Claims, callerOfClaims } from '../../domain/caller';
import { HttpProblem } from './problems';

export { groupsOf } from '../../domain/caller';

/**
 * The caller from the claims the JWT authorizer verified.
 * @throws HttpProblem 401 without verified claims, 403 without a known role or organization.
 */
export function callerFromClaims(event: APIGatewayProxyEventV2): Caller {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;
  if (!claims?.sub) throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'a valid bearer token is required');
  const caller = callerOfClaims(claims);
  if (!caller) throw new HttpProblem(403, 'forbidden', 'Forbidden', 'the token carries no helpdesk role or organization');
  return caller;
}
