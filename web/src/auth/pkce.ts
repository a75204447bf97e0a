/** OAuth 2.0 authorization code with PKCE (RFC 7636), as Cognito's hosted UI speaks it. */
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A verifier of 43 characters from 32 random bytes (the RFC allows 43-128). */
export function newVerifier(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function challengeOf(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export interface AuthorizeRequest {
  domain: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  challenge: string;
}

export function authorizeUrl(r: AuthorizeRequest): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: r.clientId,
    redirect_uri: r.redirectUri,
    scope: r.scopes.join(' '),
    state: r.state,
    code_challenge_method: 'S256',
    code_challenge: r.challenge,
  });
  return `${r.domain.replace(/\/+$/, '')}/oauth2/authorize?${params}`;
}

export function tokenRequestBody(r: { clientId: string; redirectUri: string; code: string; verifier: string }): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: r.clientId,
    redirect_uri: r.redirectUri,
    code: r.code,
    code_verifier: r.verifier,
  });
}
