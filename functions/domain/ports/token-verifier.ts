/** The claims of a verified Cognito-shaped ID token (`cognito:groups`, `custom:orgId`, `sub`, ...). */
export type VerifiedClaims = Record<string, unknown> & { sub: string };

/**
 * Verifies the same ID tokens as the HTTP API's JWT authorizer: signature, issuer, audience,
 * token use and expiry. For WebSocket `$connect`, where no JWT authorizer runs.
 */
export interface TokenVerifier {
  /** @throws any error when the token is missing, forged, expired or for another client. */
  verify(token: string): Promise<VerifiedClaims>;
}
