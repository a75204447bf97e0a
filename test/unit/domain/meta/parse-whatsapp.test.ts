import { describe, expect, it } from 'vitest';
import { e164Of, parseWhatsApp } from '../../../../functions/domain/meta/parse-whatsapp';
import { corpusFiles } from '../../../support/meta-corpus';

const at = new Date('2026-11-29T12:00:00Z');

describe('parseWhatsApp over the corpus', () => {
  it.each(corpusFiles('whatsapp').map((c) => [c.file, c.text]))('%s yields events for everything it carries', (_file, text) => {
    const body = JSON.parse(text);
    const events = parseWhatsApp(body, at);
    const value = body.entry[0].changes[0].value;
    const messages = body.entry[0].changes[0].field === 'messages' ? value.messages ?? [] : [];
    const statuses = body.entry[0].changes[0].field === 'messages' ? value.statuses ?? [] : [];
    expect(events.filter((e) => e.type === 'message')).toHaveLength(messages.length);
    expect(events.filter((e) => e.type === 'status')).toHaveLength(statuses.length);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      if (event.type === 'message') {
        expect(event.at).toBe(new Date(Number(messages[0].timestamp) * 1000).toISOString());
        if (/\d/.test(messages[0].from)) expect(event.contact.phone).toMatch(/^\+\d+$/);
        else expect(event.contact.phone).toBeUndefined();
        expect(event.text.length + event.media.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('parseWhatsApp message types', () => {
  const wrap = (message: object, extra: object = {}) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: { metadata: { phone_number_id: '42' }, contacts: [{ wa_id: '4915112345678', profile: { name: 'Ana' } }], messages: [{ from: '4915112345678', id: 'wamid.1', timestamp: '1700000000', ...message }], ...extra } }] }],
  });
  const one = (message: object) => parseWhatsApp(wrap(message), at)[0] as Extract<ReturnType<typeof parseWhatsApp>[number], { type: 'message' }>;

  it('reads voice notes, documents with file names, orders, system messages and unknown future types', () => {
    expect(one({ type: 'audio', audio: { id: 'm1', mime_type: 'audio/ogg; codecs=opus', voice: true } }).media[0]).toMatchObject({ kind: 'voice', mediaId: 'm1' });
    expect(one({ type: 'document', document: { id: 'd1', filename: 'invoice.pdf', mime_type: 'application/pdf', caption: 'see' } })).toMatchObject({ text: 'see', media: [{ filename: 'invoice.pdf' }] });
    expect(one({ type: 'order', order: { catalog_id: 'c', product_items: [{ product_retailer_id: 'p', quantity: 2 }], text: 'two please' } }).text).toBe('Order of 1 item(s): two please');
    expect(one({ type: 'system', system: { body: 'Ana changed her number', type: 'user_changed_number' } }).text).toBe('Ana changed her number');
    const future = one({ type: 'hologram', hologram: { id: 'h' } });
    expect(future).toMatchObject({ messageType: 'hologram', unsupported: expect.any(String), details: { hologram: { id: 'h' } } });
  });

  it('normalises the sender to E.164 and keeps the profile name', () => {
    expect(one({ type: 'text', text: { body: 'x' } }).contact).toEqual({ id: '4915112345678', phone: '+4915112345678', name: 'Ana' });
    expect(e164Of('972987654321')).toBe('+972987654321');
  });

  it('records a message without a sender or id, and a change without a phone number id, instead of failing', () => {
    const events = parseWhatsApp(wrap({ from: undefined, id: undefined, type: 'text', text: { body: 'x' } }), at);
    expect(events[0]).toMatchObject({ type: 'other', field: 'messages' });
    const account = parseWhatsApp({ entry: [{ id: 'waba', changes: [{ field: 'account_update', value: { event: 'X' } }] }] }, at);
    expect(account[0]).toMatchObject({ type: 'other', entryId: 'waba', field: 'account_update' });
    expect(account[0].externalId).toBeUndefined();
    expect(parseWhatsApp({ entry: [null, { changes: 'x' }, { changes: [{ value: 'x' }] }] }, at)).toEqual([]);
  });
});
