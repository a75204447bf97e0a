import type { TokenVerifier, VerifiedClaims } from '../domain/ports/token-verifier';

/**
 * Cognito ID tokens, checked by `aws-jwt-verify`. Its JWKS is fetched once and cached for the
 * container's life (a new `kid` triggers one refetch), so a connect costs no network call.
 *
 * The library is loaded when the verifier is built (the `$connect` function's first connect),
 * not imported at the top: its error classes count as side effects to esbuild, so a static
 * import kept it (18 KB) in every deployed bundle, including the ones without the tokens port.
 */
export class CognitoTokenVerifier implements TokenVerifier {
  /** Exposed so tests can cache a JWKS (`(await verifier).cacheJwks`) instead of fetching one. */
  readonly verifier;

  constructor(pool: { userPoolId: string; clientId: string }) {
    this.verifier = import('aws-jwt-verify').then(({ CognitoJwtVerifier }) =>
      CognitoJwtVerifier.create({ userPoolId: pool.userPoolId, clientId: pool.clientId, tokenUse: 'id' }));
  }

  async verify(token: string): Promise<VerifiedClaims> {
    return (await (await this.verifier).verify(token)) as unknown as VerifiedClaims;
  }
}
