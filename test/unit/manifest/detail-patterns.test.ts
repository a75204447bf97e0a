import { describe, expect, it } from 'vitest';
import { matches } from '../../../bin/local/event-pump';
import { EVENT_RULES, detailMatches } from '../../../functions/manifest/event-rules';
import type { BusDetail } from '../../../schemas/events';

describe('content filters on bus rules, matched as EventBridge does', () => {
  const pattern = { internal: [false], ticket: { channel: ['whatsapp', 'instagram'] }, data: { authorRole: ['agent', 'admin'] } };

  it('needs every named field present with one of the listed values, nested objects field by field', () => {
    const detail = { internal: false, ticket: { channel: 'whatsapp', subject: 'x' }, data: { authorRole: 'agent' }, extra: 1 };
    expect(detailMatches(pattern, detail)).toBe(true);
    expect(detailMatches(pattern, { ...detail, internal: true })).toBe(false);
    expect(detailMatches(pattern, { ...detail, ticket: { channel: 'email' } })).toBe(false);
    expect(detailMatches(pattern, { ...detail, data: { authorRole: 'customer' } })).toBe(false);
    expect(detailMatches(pattern, { internal: false, ticket: { channel: 'whatsapp' } })).toBe(false); // data missing
    expect(detailMatches(pattern, { ...detail, ticket: 'whatsapp' })).toBe(false); // not an object
  });

  it('matches an array field when any element is listed, and everything without a filter', () => {
    expect(detailMatches({ tags: ['vip'] }, { tags: ['new', 'vip'] })).toBe(true);
    expect(detailMatches({ tags: ['vip'] }, { tags: ['new'] })).toBe(false);
    expect(detailMatches(undefined, { anything: true })).toBe(true);
  });

  it('keeps the WhatsApp/Instagram sender asleep for email tickets, customers\' messages and notes', () => {
    const sender = EVENT_RULES.find((rule) => rule.name === 'meta-sender')!;
    const reply = (channel: string, authorRole: string, internal = false) =>
      ({ type: 'ticket.message.added', internal, ticket: { channel }, data: { authorRole } }) as unknown as BusDetail;
    expect(matches(sender, reply('whatsapp', 'agent'))).toBe(true);
    expect(matches(sender, reply('instagram', 'supervisor'))).toBe(true);
    expect(matches(sender, reply('email', 'agent'))).toBe(false);
    expect(matches(sender, reply('whatsapp', 'customer'))).toBe(false);
    expect(matches(sender, reply('whatsapp', 'agent', true))).toBe(false);
  });
});
