import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type CryptoKey, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalTokens } from '../../../bin/local/local-tokens';
import { awsRuntime } from '../../../functions/runtime';
import { CognitoTokenVerifier } from '../../../functions/adapters/token-verifier.cognito';
import { LocalTokenVerifier } from '../../../bin/local/adapters/local-token-verifier';

const POOL = 'eu-west-1_Abc123';
const CLIENT = 'client123';
const ISSUER = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`;

describe('CognitoTokenVerifier (aws-jwt-verify)', () => {
  let key: CryptoKey;
  let otherKey: CryptoKey;
  let verifier: CognitoTokenVerifier;
  const sign = (claims: Record<string, unknown>, { signWith = key, exp = '1h', kid = 'k1' } = {}) =>
    new SignJWT({ token_use: 'id', 'cognito:groups': ['agent'], 'custom:orgId': 'org_a', email: 'a@example.com', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid }).setSubject('user-1').setIssuer(ISSUER).setAudience(CLIENT)
      .setIssuedAt().setExpirationTime(exp).sign(signWith);

  beforeAll(async () => {
    key = (await generateKeyPair('RS256', { extractable: true })).privateKey as CryptoKey;
    const pair = await generateKeyPair('RS256', { extractable: true });
    otherKey = pair.privateKey as CryptoKey;
    const jwk = await exportJWK(key);
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
    verifier = new CognitoTokenVerifier({ userPoolId: POOL, clientId: CLIENT });
    (await verifier.verifier).cacheJwks({ keys: [{ ...pub, kid: 'k1', alg: 'RS256', use: 'sig' } as never] });
  });

  it('accepts an ID token of the pool and client', async () => {
    const claims = await verifier.verify(await sign({}));
    expect(claims).toMatchObject({ sub: 'user-1', 'custom:orgId': 'org_a', 'cognito:groups': ['agent'] });
  });

  it('refuses forged, expired, access and foreign-client tokens', async () => {
    await expect(verifier.verify(await sign({}, { signWith: otherKey }))).rejects.toThrow();
    await expect(verifier.verify(await sign({}, { exp: '-1m' }))).rejects.toThrow();
    await expect(verifier.verify(await sign({ token_use: 'access' }))).rejects.toThrow();
    const foreign = await new SignJWT({ token_use: 'id' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('u')
      .setIssuer(ISSUER).setAudience('another-client').setIssuedAt().setExpirationTime('1h').sign(key);
    await expect(verifier.verify(foreign)).rejects.toThrow();
    await expect(verifier.verify('not-a-token')).rejects.toThrow();
  });

  it('needs the pool and client in the environment', () => {
    expect(() => awsRuntime({ TABLE_NAME: 't', AWS_REGION: 'eu-west-1' }).ports.tokens).toThrow(/COGNITO_USER_POOL_ID/);
    const configured = awsRuntime({ TABLE_NAME: 't', AWS_REGION: 'eu-west-1', COGNITO_USER_POOL_ID: POOL, COGNITO_CLIENT_ID: CLIENT });
    expect(configured.ports.tokens).toBeInstanceOf(CognitoTokenVerifier);
  });
});

describe('LocalTokenVerifier (the runtime key)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'token-verifier-'));

  it('accepts the runtime tokens and refuses others', async () => {
    const tokens = await LocalTokens.open(dir);
    const identity = { sub: 'u1', email: 'u1@example.com', name: 'U', role: 'agent', orgId: 'org_a' };
    const verifier = new LocalTokenVerifier(tokens);
    expect(await verifier.verify(await tokens.sign(identity))).toMatchObject({ sub: 'u1', 'custom:orgId': 'org_a' });
    const foreign = await LocalTokens.open(mkdtempSync(path.join(tmpdir(), 'token-verifier-other-')));
    await expect(verifier.verify(await foreign.sign(identity))).rejects.toThrow();
    await expect(verifier.verify(await tokens.sign(identity, -60))).rejects.toThrow();
  });
});
