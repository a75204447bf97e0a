import type { SecretBox } from '../ports/secret-box';

/** The encryption context of a channel's secrets: a ciphertext only opens for its own channel and field. */
export const secretContext = (orgId: string, channelId: string, field: 'appSecret' | 'accessToken') => ({
  orgId, channelId, field, purpose: 'helpdesk-meta-channel',
});

export async function openSecret(box: SecretBox, orgId: string, channelId: string, field: 'appSecret' | 'accessToken', ciphertext: string) {
  return box.decrypt(ciphertext, secretContext(orgId, channelId, field));
}
