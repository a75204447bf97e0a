import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { LocalLinkSigner } from '../../../../bin/local/adapters/local-link-signer';
import { composeNotification } from '../../../../functions/domain/mail-channel/compose-notification';
import { agentNotificationOf } from '../../../../functions/domain/mail-channel/notify-agents';
import { DEFAULT_NOTIFICATION_SETTINGS, wantsConfirmation } from '../../../../functions/domain/mail-channel/notification-settings';
import { createLinkToken, InvalidLinkError, readLinkToken } from '../../../../functions/domain/mail-channel/signed-links';
import { textToHtml } from '../../../../functions/domain/mail-channel/templates';

const event = (type: string, extra: Record<string, unknown> = {}) => ({
  version: '1', id: '01X', orgId: 'o', ticketId: 't', actor: { id: 'agent-1', role: 'agent', name: 'Ann' }, ticketVersion: 2, occurredAt: '', internal: false,
  ticket: { number: 'N', subject: 's', status: 'open', priority: 'low', assigneeId: 'agent-2', requesterEmail: 'c@x', escalationTier: 0, channel: 'api', updatedAt: '', version: 2 },
  type, data: {}, ...extra,
}) as never;

describe('which new tickets get a confirmation', () => {
  it.each([
    ['email', 'customer', true],
    ['email', 'agent', true],
    ['api', 'customer', true],
    ['api', 'agent', false],
    ['api', 'admin', false],
    ['web', 'customer', false], // the web form sends its own
    ['whatsapp', 'customer', false],
  ] as const)('%s ticket opened by a %s: %s by default', (channel, creatorRole, expected) => {
    expect(wantsConfirmation({ channel, creatorRole }, DEFAULT_NOTIFICATION_SETTINGS)).toBe(expected);
  });

  it('follows the organization setting for API tickets', () => {
    const settings = { confirmation: { customerCreated: false, staffCreated: true }, surveys: true };
    expect(wantsConfirmation({ channel: 'api', creatorRole: 'customer' }, settings)).toBe(false);
    expect(wantsConfirmation({ channel: 'api', creatorRole: 'supervisor' }, settings)).toBe(true);
  });
});

describe('which agent an event mails', () => {
  it('mails the new assignee unless they took the ticket themselves', () => {
    expect(agentNotificationOf(event('ticket.assigned', { changes: { assigneeId: { from: null, to: 'agent-2' } } }))).toEqual({ kind: 'agent-assigned', agentId: 'agent-2' });
    expect(agentNotificationOf(event('ticket.assigned', { changes: { assigneeId: { from: null, to: 'agent-1' } } }))).toBeUndefined();
    expect(agentNotificationOf(event('ticket.assigned', { changes: { assigneeId: { from: 'agent-2', to: null } } }))).toBeUndefined();
    expect(agentNotificationOf(event('ticket.created', { data: { number: 'N', assigneeId: 'agent-2' } }))).toEqual({ kind: 'agent-assigned', agentId: 'agent-2' });
    expect(agentNotificationOf(event('ticket.created', { data: { number: 'N', assigneeId: null } }))).toBeUndefined();
  });

  it('mails the assignee when the customer replies, not on staff replies or notes', () => {
    expect(agentNotificationOf(event('ticket.message.added', { data: { messageId: 'm', authorRole: 'customer' } }))).toEqual({ kind: 'agent-customer-reply', agentId: 'agent-2' });
    expect(agentNotificationOf(event('ticket.message.added', { data: { messageId: 'm', authorRole: 'agent' } }))).toBeUndefined();
    expect(agentNotificationOf(event('ticket.note.added', { internal: true, data: { messageId: 'm' } }))).toBeUndefined();
  });
});

describe('signed links', () => {
  const signer = new LocalLinkSigner(mkdtempSync(path.join(tmpdir(), 'links-')));
  const now = new Date('2026-11-29T10:00:00Z');
  const claims = { purpose: 'survey' as const, orgId: 'org_a', email: 'c@x.example', ticketId: '01T' };

  it('reads back what it signed', async () => {
    const token = await createLinkToken(signer, claims, now);
    await expect(readLinkToken(signer, token, 'survey', now)).resolves.toMatchObject(claims);
  });

  it('refuses an altered, expired, foreign or misused token', async () => {
    const token = await createLinkToken(signer, claims, now);
    const [body, mac] = token.split('.');
    const altered = Buffer.from(Buffer.from(body, 'base64url').toString().replace('01T', '01U')).toString('base64url');
    const other = new LocalLinkSigner(mkdtempSync(path.join(tmpdir(), 'links-')));
    for (const bad of [`${altered}.${mac}`, `${body}.${mac.slice(0, -2)}`, 'x.y', 'no-dot', `${token}.extra`]) {
      await expect(readLinkToken(signer, bad, 'survey', now)).rejects.toBeInstanceOf(InvalidLinkError);
    }
    await expect(readLinkToken(other, token, 'survey', now)).rejects.toBeInstanceOf(InvalidLinkError);
    await expect(readLinkToken(signer, token, 'unsubscribe', now)).rejects.toBeInstanceOf(InvalidLinkError);
    await expect(readLinkToken(signer, token, 'survey', new Date(now.getTime() + 31 * 86_400_000))).rejects.toThrow(/expired/);
  });
});

describe('automatic customer mail', () => {
  it('has text and HTML parts, clickable links, List-Unsubscribe with one-click, and Auto-Submitted: auto-generated', async () => {
    const raw = await composeNotification({
      kind: 'survey', messageId: 'hd.2@demo.example', from: { name: 'Demo Support', address: 'support@demo.example' },
      to: 'carla@example.com', replyTo: 'support+t.01abc@demo.example', thread: [],
      ticket: { number: 'TKT-2026-000007', subject: 'Printer', requesterName: 'Carla' }, date: new Date('2026-01-01T00:00:00Z'),
      values: { ratingLinks: '5 - Very happy: https://api.example/v1/public/survey?token=a.b&score=5', unsubscribeUrl: 'https://api.example/v1/public/unsubscribe?token=c.d' },
      unsubscribeUrl: 'https://api.example/v1/public/unsubscribe?token=c.d',
    });
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('[TKT-2026-000007] How did we do? Printer');
    expect(mail.text).toContain('https://api.example/v1/public/survey?token=a.b&score=5');
    expect(mail.html).toContain('<a href="https://api.example/v1/public/survey?token=a.b&#38;score=5">');
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toBe('List-Unsubscribe: <https://api.example/v1/public/unsubscribe?token=c.d>');
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('turns text into HTML without letting markup through', () => {
    expect(textToHtml('a <b> & https://x.example/?a=1&b=<2>\n\nnext')).toBe(
      '<!doctype html><html><body style="font-family:sans-serif;font-size:14px"><p>a &#60;b&#62; &#38; <a href="https://x.example/?a=1&#38;b=">https://x.example/?a=1&#38;b=</a>&#60;2&#62;</p><p>next</p></body></html>',
    );
  });
});
