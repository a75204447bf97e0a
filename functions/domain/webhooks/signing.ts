import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { StoredSecret } from './webhook.entities';

/** Grace period during which a rotated-out secret still signs. */
export const SECRET_GRACE_MS = 24 * 3_600_000;

/** A new signing secret: `whsec_` + base64 of 32 random bytes (Standard Webhooks format). */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** The secrets that sign at `now`: the current one and any rotated-out one still in its grace period. */
export const activeSecrets = (secrets: readonly StoredSecret[], now: Date) =>
  secrets.filter((entry) => entry.expiresAt === null || Date.parse(entry.expiresAt) > now.getTime());

/** The secrets after a rotation: the new one first, the live old ones expiring after the grace period. */
export function rotateSecrets(secrets: readonly StoredSecret[], fresh: string, now: Date): StoredSecret[] {
  const expiresAt = new Date(now.getTime() + SECRET_GRACE_MS).toISOString();
  const old = activeSecrets(secrets, now).map((entry) => ({ ...entry, expiresAt: entry.expiresAt ?? expiresAt }));
  return [{ secret: fresh, createdAt: now.toISOString(), expiresAt: null }, ...old].slice(0, 3);
}

/**
 * The Standard Webhooks headers for one send: `webhook-signature` carries one `v1,` signature
 * per active secret, space separated, so receivers verify with either during a rotation.
 */
export function signatureHeaders(secrets: readonly string[], msgId: string, timestamp: Date, body: string): Record<string, string> {
  if (!secrets.length) throw new Error('no active secret to sign with');
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(msgId, timestamp, body)).join(' '),
  };
}
