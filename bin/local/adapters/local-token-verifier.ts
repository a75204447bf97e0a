import type { TokenVerifier, VerifiedClaims } from '../../../functions/domain/ports/token-verifier';
import type { LocalTokens } from '../local-tokens';

/** The local runtime's own ES256 key, the same the local HTTP gateway verifies with. */
export class LocalTokenVerifier implements TokenVerifier {
  constructor(private readonly tokens: LocalTokens) {}

  async verify(token: string): Promise<VerifiedClaims> {
    const payload = await this.tokens.verify(token);
    if (payload.token_use !== 'id' || typeof payload.sub !== 'string') throw new Error('not an ID token');
    return payload as VerifiedClaims;
  }
}
