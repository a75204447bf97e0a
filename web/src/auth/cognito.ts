import type { CognitoAuth } from '../core/config';
import { authorizeUrl, challengeOf, newVerifier, tokenRequestBody } from './pkce';

const PENDING = 'helpdesk.pkce';
const redirectOf = (auth: CognitoAuth) => auth.redirectUri ?? `${location.origin}${location.pathname}`;

/** Sends the browser to the hosted UI with a fresh verifier and state kept for the return. */
export async function startCognitoSignIn(auth: CognitoAuth): Promise<never> {
  const verifier = newVerifier();
  const state = newVerifier();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, hash: location.hash }));
  location.assign(authorizeUrl({
    domain: auth.domain, clientId: auth.clientId, redirectUri: redirectOf(auth),
    scopes: auth.scopes ?? ['openid', 'email', 'profile'], state, challenge: await challengeOf(verifier),
  }));
  return new Promise<never>(() => undefined);
}

/**
 * Completes a return from the hosted UI (`?code&state`): checks the state, trades the code
 * and verifier for tokens and restores the page the user started from. Returns the ID token,
 * or undefined when this load is not such a return.
 */
export async function finishCognitoSignIn(auth: CognitoAuth): Promise<string | undefined> {
  const query = new URLSearchParams(location.search);
  const code = query.get('code');
  if (!code) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; hash: string } | null;
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `${location.pathname}${pending?.hash ?? ''}`);
  if (!pending || pending.state !== query.get('state')) throw new Error('the sign-in answer does not match the request; sign in again');
  const res = await fetch(`${auth.domain.replace(/\/+$/, '')}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenRequestBody({ clientId: auth.clientId, redirectUri: redirectOf(auth), code, verifier: pending.verifier }),
  });
  if (!res.ok) throw new Error(`sign-in failed (${res.status})`);
  const tokens = (await res.json()) as { id_token?: string };
  if (!tokens.id_token) throw new Error('the identity provider returned no ID token');
  return tokens.id_token;
}

export function cognitoSignOutUrl(auth: CognitoAuth): string {
  const params = new URLSearchParams({ client_id: auth.clientId, logout_uri: redirectOf(auth) });
  return `${auth.domain.replace(/\/+$/, '')}/logout?${params}`;
}
