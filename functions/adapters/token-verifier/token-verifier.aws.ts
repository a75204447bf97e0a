import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { USER_POOL_CLIENT_ID_ENV, USER_POOL_ID_ENV, type TokenVerifier, type VerifiedClaims } from './token-verifier.port';

/**
 * Cognito ID tokens, checked by `aws-jwt-verify`. Its JWKS is fetched once and cached for the
 * container's life (a new `kid` triggers one refetch), so a connect costs no network call.
 */
export class CognitoTokenVerifier implements TokenVerifier {
  /** Exposed so tests can cache a JWKS (`verifier.cacheJwks`) instead of fetching one. */
  readonly verifier;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const userPoolId = env[USER_POOL_ID_ENV];
    const clientId = env[USER_POOL_CLIENT_ID_ENV];
    if (!userPoolId || !clientId) throw new Error(`${USER_POOL_ID_ENV} and ${USER_POOL_CLIENT_ID_ENV} must be set`);
    this.verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'id' });
  }

  async verify(token: string): Promise<VerifiedClaims> {
    return (await this.verifier.verify(token)) as unknown as VerifiedClaims;
  }
}
