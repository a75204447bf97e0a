import { config } from '../../config';
import { CognitoTokenVerifier } from './token-verifier.aws';
import { LocalTokenVerifier } from './token-verifier.local';
import type { TokenVerifier } from './token-verifier.port';

export type { TokenVerifier, VerifiedClaims } from './token-verifier.port';

let chosen: TokenVerifier | undefined;

/** The container's token verifier: Cognito in AWS, the runtime's key locally; chosen once. */
export function tokenVerifier(): TokenVerifier {
  chosen ??= config().HELPDESK_RUNTIME === 'local' ? new LocalTokenVerifier() : new CognitoTokenVerifier();
  return chosen;
}
