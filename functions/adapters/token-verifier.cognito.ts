import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { TokenVerifier, VerifiedClaims } from '../domain/ports/token-verifier';

/**
 * Cognito ID tokens, checked by `aws-jwt-verify`. Its JWKS is fetched once and cached for the
 * container's life (a new `kid` triggers one refetch), so a connect costs no network call.
 */
export class CognitoTokenVerifier implements TokenVerifier {
  /** Exposed so tests can cache a JWKS (`verifier.cacheJwks`) instead of fetching one. */
  readonly verifier;

  constructor(pool: { userPoolId: string; clientId: string }) {
    this.verifier = CognitoJwtVerifier.create({ userPoolId: pool.userPoolId, clientId: pool.clientId, tokenUse: 'id' });
  }

  async verify(token: string): Promise<VerifiedClaims> {
    return (await this.verifier.verify(token)) as unknown as VerifiedClaims;
  }
}
