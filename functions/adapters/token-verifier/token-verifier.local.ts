import { LocalTokens } from '../../../bin/local/local-tokens';
import { localStateDir } from '../local-state';
import type { TokenVerifier, VerifiedClaims } from './token-verifier.port';

/** The local runtime's own ES256 key (under HELPDESK_LOCAL_DIR), as the local HTTP gateway uses. */
export class LocalTokenVerifier implements TokenVerifier {
  private tokens?: Promise<LocalTokens>;

  async verify(token: string): Promise<VerifiedClaims> {
    this.tokens ??= LocalTokens.open(localStateDir());
    const payload = await (await this.tokens).verify(token);
    if (payload.token_use !== 'id' || typeof payload.sub !== 'string') throw new Error('not an ID token');
    return payload as VerifiedClaims;
  }
}
