import { KMSClient } from '@aws-sdk/client-kms';
import { config } from '../../config';
import type { LinkSigner } from '../../domain/mail-channel/link-signer';
import { localStateDir } from '../local-state';
import { KmsLinkSigner } from './link-signer.aws';
import { LocalLinkSigner } from './link-signer.local';

let chosen: LinkSigner | undefined;

/** The signer of mailed links, chosen once: the KMS HMAC key (LINK_SIGNING_KEY_ID) or a local key file. */
export function linkSigner(): LinkSigner {
  if (chosen) return chosen;
  if (config().HELPDESK_RUNTIME === 'local') {
    chosen = new LocalLinkSigner(localStateDir());
  } else {
    const keyId = process.env.LINK_SIGNING_KEY_ID;
    if (!keyId) throw new Error('LINK_SIGNING_KEY_ID is not set (the link-signing capability grants it)');
    chosen = new KmsLinkSigner(new KMSClient({}), keyId);
  }
  return chosen;
}

/** The public API's base URL for links in mail (PUBLIC_API_URL), and the agent app's (APP_URL, default the API's). */
export function publicUrls(): { apiUrl: string; appUrl: string } {
  const apiUrl = (process.env.PUBLIC_API_URL ?? '').replace(/\/$/, '');
  if (!apiUrl) throw new Error('PUBLIC_API_URL is not set (the link-signing capability grants it)');
  return { apiUrl, appUrl: (process.env.APP_URL ?? apiUrl).replace(/\/$/, '') };
}
