import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../../functions/domain/caller';
import { RuleViolationError } from '../../../../functions/domain/errors';
import { MessagingWindowClosedError } from '../../../../functions/domain/meta/errors';
import { assertReplyWindow, templateText } from '../../../../functions/domain/meta/reply-window';
import type { Ticket } from '../../../../functions/domain/tickets/ticket.entity';

const agent: Caller = { orgId: 'o', userId: 'u', email: 'a@x', role: 'agent' };
const customer: Caller = { orgId: 'o', userId: 'c', email: 'c@x', role: 'customer' };
const ticket = (over: Partial<Ticket>) => ({ channel: 'whatsapp', lastInboundAt: '2026-11-28T12:00:00.000Z', ...over }) as Ticket;
const at = (iso: string) => new Date(iso);

describe('the 24-hour window', () => {
  it('lets free text through until 24 h after the last inbound message, not a millisecond later', () => {
    expect(() => assertReplyWindow(ticket({}), { body: 'hi', internal: false }, agent, at('2026-11-29T11:59:59.999Z'))).not.toThrow();
    const error = (() => {
      try {
        assertReplyWindow(ticket({}), { body: 'hi', internal: false }, agent, at('2026-11-29T12:00:00.000Z'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MessagingWindowClosedError);
    expect((error as MessagingWindowClosedError).extensions).toEqual({ windowClosedAt: '2026-11-29T12:00:00.000Z' });
  });

  it('always allows internal notes, templates on WhatsApp, other channels and customers', () => {
    const late = at('2026-12-30T00:00:00Z');
    expect(() => assertReplyWindow(ticket({}), { body: 'note', internal: true }, agent, late)).not.toThrow();
    expect(() => assertReplyWindow(ticket({}), { body: '[template]', internal: false, template: { name: 't', language: 'en', parameters: [] } }, agent, late)).not.toThrow();
    expect(() => assertReplyWindow(ticket({ channel: 'email' }), { body: 'x', internal: false }, agent, late)).not.toThrow();
    expect(() => assertReplyWindow(ticket({}), { body: 'x', internal: false }, customer, late)).not.toThrow();
    expect(() => assertReplyWindow(ticket({ lastInboundAt: undefined }), { body: 'x', internal: false }, agent, late)).toThrow(MessagingWindowClosedError);
  });

  it('refuses templates where they cannot go', () => {
    const template = { name: 't', language: 'en', parameters: [] };
    expect(() => assertReplyWindow(ticket({ channel: 'instagram' }), { body: '[template]', internal: false, template }, agent, new Date())).toThrow(RuleViolationError);
    expect(() => assertReplyWindow(ticket({ channel: 'email' }), { body: '[template]', internal: false, template }, agent, new Date())).toThrow(RuleViolationError);
    expect(templateText({ name: 'follow_up', language: 'en_US', parameters: ['A', { type: 'text', text: 'B' }] }))
      .toBe('[template follow_up (en_US)] A | B');
  });
});
