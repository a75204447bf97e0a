import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CryptoKey, type JWK, type JWTPayload, SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';

export const LOCAL_ISSUER = 'https://helpdesk.local/idp';
export const LOCAL_AUDIENCE = 'helpdesk-local';
const ALG = 'ES256';

export interface LocalIdentity {
  sub: string;
  email: string;
  name: string;
  role: string;
  orgId: string;
}

/**
 * The local runtime's identity provider: one ES256 key kept under `.local/`, tokens shaped
 * like Cognito ID tokens (`cognito:groups`, `custom:orgId`) so handlers see what they see in AWS.
 */
export class LocalTokens {
  private constructor(private readonly privateKey: CryptoKey, private readonly publicKey: CryptoKey) {}

  static async open(dir: string): Promise<LocalTokens> {
    const file = path.join(dir, 'jwt-key.json');
    let jwk: JWK;
    if (existsSync(file)) {
      jwk = JSON.parse(readFileSync(file, 'utf8'));
    } else {
      const { privateKey } = await generateKeyPair(ALG, { extractable: true });
      jwk = await exportJWK(privateKey);
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
    }
    const { d: _private, ...publicJwk } = jwk;
    return new LocalTokens((await importJWK(jwk, ALG)) as CryptoKey, (await importJWK(publicJwk, ALG)) as CryptoKey);
  }

  async sign(identity: LocalIdentity, expiresIn: string | number = '30d'): Promise<string> {
    return signToken(this.privateKey, identity, expiresIn);
  }

  /**
   * Verifies signature, issuer, audience and expiry. A token that verified once is remembered
   * until it expires (the signature cannot change), which keeps ECDSA off the hot path.
   * @throws jose's errors (expired, bad signature, malformed) for the caller to turn into a 401.
   */
  async verify(token: string): Promise<JWTPayload> {
    const known = this.verified.get(token);
    if (known && (known.exp ?? 0) * 1000 > Date.now()) return known;
    const { payload } = await jwtVerify(token, this.publicKey, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: [ALG] });
    if (this.verified.size >= 1000) this.verified.clear();
    this.verified.set(token, payload);
    return payload;
  }

  private readonly verified = new Map<string, JWTPayload>();
}

export async function signToken(key: CryptoKey | Uint8Array, identity: LocalIdentity, expiresIn: string | number): Promise<string> {
  return new SignJWT({
    email: identity.email,
    name: identity.name,
    'cognito:groups': [identity.role],
    'custom:orgId': identity.orgId,
    token_use: 'id',
  })
    .setProtectedHeader({ alg: ALG })
    .setSubject(identity.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}
