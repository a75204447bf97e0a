import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { deliveryIdOf, messageIdOf } from '../../../../functions/domain/webhooks/delivery-id';
import { SECRET_GRACE_MS, activeSecrets, newWebhookSecret, rotateSecrets, signatureHeaders } from '../../../../functions/domain/webhooks/signing';

const body = JSON.stringify({ type: 'ticket.created', timestamp: '2026-11-22T10:00:00.000Z', data: { ticketId: 't1' } });

describe('Standard Webhooks signing', () => {
  it('issues whsec_ secrets of 32 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs so that the standardwebhooks package verifies', () => {
    const secret = newWebhookSecret();
    const headers = signatureHeaders([secret], 'msg_1', new Date(), body);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });

  it('signs with both secrets during a rotation, and only the new one after the grace period', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const [oldSecret, newSecret] = [newWebhookSecret(), newWebhookSecret()];
    const rotated = rotateSecrets([{ secret: oldSecret, createdAt: '2026-01-01T00:00:00Z', expiresAt: null }], newSecret, now);
    expect(rotated[1].expiresAt).toBe(new Date(now.getTime() + SECRET_GRACE_MS).toISOString());
    const during = activeSecrets(rotated, new Date(now.getTime() + 3_600_000)).map((s) => s.secret);
    expect(during).toEqual([newSecret, oldSecret]);
    const headers = signatureHeaders(during, 'msg_2', new Date(), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newSecret).verify(body, headers)).not.toThrow();
    expect(activeSecrets(rotated, new Date(now.getTime() + SECRET_GRACE_MS + 1)).map((s) => s.secret)).toEqual([newSecret]);
  });

  it('gives each (event, endpoint) one stable, time-sortable delivery id', () => {
    const at = new Date('2026-11-22T10:00:00Z');
    const id = deliveryIdOf('evt1', 'wh_1', at);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(deliveryIdOf('evt1', 'wh_1', at)).toBe(id);
    expect(deliveryIdOf('evt1', 'wh_2', at)).not.toBe(id);
    expect(deliveryIdOf('evt0', 'wh_1', new Date(at.getTime() + 1)) > id).toBe(true);
    expect(messageIdOf(id)).toBe(`msg_${id}`);
  });
});
