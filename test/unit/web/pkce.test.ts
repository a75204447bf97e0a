import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorizeUrl, challengeOf, newVerifier, tokenRequestBody } from '../../../web/src/auth/pkce';

describe('PKCE for the Cognito hosted UI', () => {
  it('makes 43-character URL-safe verifiers, each different', () => {
    const a = newVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newVerifier()).not.toBe(a);
  });

  it('derives the S256 challenge as base64url(sha256(verifier)) without padding', async () => {
    const verifier = newVerifier();
    expect(await challengeOf(verifier)).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });

  it('asks for an authorization code with the challenge, state and scopes', () => {
    const url = new URL(authorizeUrl({
      domain: 'https://hd.auth.eu-west-1.amazoncognito.com/', clientId: 'client1', redirectUri: 'https://console.example.com/',
      scopes: ['openid', 'email', 'profile'], state: 'st', challenge: 'ch',
    }));
    expect(url.origin + url.pathname).toBe('https://hd.auth.eu-west-1.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code', client_id: 'client1', redirect_uri: 'https://console.example.com/',
      scope: 'openid email profile', state: 'st', code_challenge_method: 'S256', code_challenge: 'ch',
    });
  });

  it('trades the code with the verifier, no client secret', () => {
    expect(Object.fromEntries(tokenRequestBody({ clientId: 'c', redirectUri: 'https://x/', code: 'k', verifier: 'v' }))).toEqual({
      grant_type: 'authorization_code', client_id: 'c', redirect_uri: 'https://x/', code: 'k', code_verifier: 'v',
    });
  });
});
