import { describe, expect, it } from 'vitest';
import type { MetaEvent } from '../../../../functions/domain/meta/meta-event';
import { ignoredBecause } from '../../../../functions/domain/meta/ignored-fields';
import { parseWhatsApp } from '../../../../functions/domain/meta/parse-whatsapp';

/**
 * Every payload shape of Meta's WhatsApp Cloud API `messages` webhook reference (and the other
 * fields of a WhatsApp Business Account subscription), written from the documentation: each
 * becomes the right message, a status, or a recorded `other` event, never an exception.
 */
const at = new Date('2026-12-07T12:00:00Z');
const PHONE_ID = '106540352242922';
const WA_ID = '16505551234';

type Message = Extract<MetaEvent, { type: 'message' }>;
type Status = Extract<MetaEvent, { type: 'status' }>;

const body = (value: object, field = 'messages') => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '102290129340398', changes: [{ field, value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_ID }, ...value } }] }],
});
const withMessage = (message: object, contacts: object[] = [{ profile: { name: 'Sheena Nelson' }, wa_id: WA_ID }]) =>
  body({ contacts, messages: [{ from: WA_ID, id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRB', timestamp: '1749416383', ...message }] });
const one = (message: object, contacts?: object[]): Message => {
  const events = parseWhatsApp(withMessage(message, contacts), at);
  expect(events).toHaveLength(1);
  expect(events[0].type).toBe('message');
  return events[0] as Message;
};

describe('WhatsApp messages[] of every documented type', () => {
  it('text, with and without a link preview', () => {
    expect(one({ type: 'text', text: { body: 'Does it come in another color?' } })).toMatchObject({
      messageType: 'text', text: 'Does it come in another color?', media: [], at: '2025-06-08T20:59:43.000Z',
      contact: { id: WA_ID, phone: '+16505551234', name: 'Sheena Nelson' }, externalId: PHONE_ID,
    });
    expect(one({ type: 'text', text: { preview_url: true, body: 'see https://example.com/a' } }).text).toBe('see https://example.com/a');
  });

  it('image, video, voice and plain audio, documents with file name and caption, static and animated stickers', () => {
    expect(one({ type: 'image', image: { caption: 'the crack', mime_type: 'image/jpeg', sha256: 'abc=', id: '1003383421387256' } })).toMatchObject({
      messageType: 'image', text: 'the crack', media: [{ kind: 'image', mediaId: '1003383421387256', mimeType: 'image/jpeg' }],
    });
    expect(one({ type: 'video', video: { mime_type: 'video/mp4', sha256: 'x', id: 'v1' } })).toMatchObject({ text: '', media: [{ kind: 'video', mediaId: 'v1' }] });
    expect(one({ type: 'audio', audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'x', id: 'a1', voice: true } }).media[0]).toMatchObject({ kind: 'voice', mediaId: 'a1' });
    expect(one({ type: 'audio', audio: { mime_type: 'audio/mpeg', sha256: 'x', id: 'a2', voice: false } }).media[0]).toMatchObject({ kind: 'audio', mediaId: 'a2' });
    expect(one({ type: 'document', document: { caption: 'my invoice', filename: 'invoice-42.pdf', mime_type: 'application/pdf', sha256: 'x', id: 'd1' } })).toMatchObject({
      text: 'my invoice', media: [{ kind: 'document', mediaId: 'd1', filename: 'invoice-42.pdf' }],
    });
    expect(one({ type: 'sticker', sticker: { mime_type: 'image/webp', sha256: 'x', id: 's1', animated: true } })).toMatchObject({
      media: [{ kind: 'sticker', mediaId: 's1' }], details: { animated: true },
    });
    expect(one({ type: 'sticker', sticker: { mime_type: 'image/webp', id: 's2', animated: false } }).details).toMatchObject({ animated: false });
    // A media object that also carries a download URL (newer API versions).
    expect(one({ type: 'image', image: { id: 'i2', url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=i2', mime_type: 'image/png' } }).media[0])
      .toMatchObject({ mediaId: 'i2', url: expect.stringContaining('lookaside') });
  });

  it('location, pinned or with name, address and url', () => {
    const bare = one({ type: 'location', location: { latitude: 37.4835, longitude: -122.1483 } });
    expect(bare).toMatchObject({ messageType: 'location', text: 'Location: (37.4835, -122.1483)', details: { location: { latitude: 37.4835 } } });
    const named = one({ type: 'location', location: { address: '1 Hacker Way, Menlo Park, CA 94025', latitude: 37.4835, longitude: -122.1483, name: 'Main Street Beans', url: 'https://mainstreetbeans.com' } });
    expect(named.text).toBe('Location: Main Street Beans, 1 Hacker Way, Menlo Park, CA 94025 (37.4835, -122.1483) https://mainstreetbeans.com');
  });

  it('several shared contact cards with phones, emails and organization', () => {
    const cards = [
      {
        addresses: [{ city: 'Menlo Park', type: 'WORK' }], birthday: '1999-01-23',
        emails: [{ email: 'bjohnson@example.com', type: 'WORK' }],
        name: { formatted_name: 'Barbara J. Johnson', first_name: 'Barbara', last_name: 'Johnson' },
        org: { company: 'Lucky Shrub', department: 'Legal', title: 'Lead Counsel' },
        phones: [{ phone: '+1 (650) 555-1234', wa_id: '16505551234', type: 'WORK' }, { phone: '+1 (650) 555-9999', type: 'HOME' }],
        urls: [{ url: 'https://www.luckyshrub.com', type: 'WORK' }],
      },
      { name: { first_name: 'Ana', last_name: 'Lima' }, phones: [{ wa_id: '5511999999999' }] },
    ];
    const event = one({ type: 'contacts', contacts: cards });
    expect(event.text).toBe([
      'Contact: Barbara J. Johnson +1 (650) 555-1234, +1 (650) 555-9999 bjohnson@example.com (Lucky Shrub, Lead Counsel)',
      'Contact: Ana Lima 5511999999999',
    ].join('\n'));
    expect(event.details?.contacts).toHaveLength(2);
    // The sender's own contact entry in value.contacts is not confused with the shared cards.
    expect(event.contact).toMatchObject({ id: WA_ID, name: 'Sheena Nelson' });
  });

  it('interactive replies: button, list (with description), Flow answers with response_json', () => {
    expect(one({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes-btn', title: 'Yes, please' } }, context: { from: '15550783881', id: 'wamid.OUT1' } }))
      .toMatchObject({ messageType: 'interactive', text: 'Yes, please', details: { context: { id: 'wamid.OUT1' }, interactive: { button_reply: { id: 'yes-btn' } } } });
    expect(one({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'row-2', title: 'Priority shipping', description: '1-2 days' } } }).text)
      .toBe('Priority shipping (1-2 days)');
    const flow = one({
      type: 'interactive',
      interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: JSON.stringify({ flow_token: 'secret-token', order_number: 'A-1', rating: 4, topics: ['delivery'] }) } },
    });
    expect(flow.text).toBe('Sent\norder_number: A-1\nrating: 4\ntopics: ["delivery"]');
    expect(flow.text).not.toContain('secret-token');
    const address = one({ type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { name: 'address_message', response_json: '{"values":{"city":"Lisbon"}}' } } });
    expect(address.text).toBe('Address\nvalues: {"city":"Lisbon"}');
    expect(one({ type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { body: 'Sent', response_json: 'not json' } } }).text).toBe('Sent');
    expect(one({ type: 'interactive', interactive: { type: 'call_permission_reply', call_permission_reply: { response: 'accept' } } }).text).toBe('accept');
    expect(one({ type: 'interactive', interactive: { type: 'something_new' } }).text).toBe('(something_new)');
  });

  it('template quick-reply buttons: the text, else the payload', () => {
    expect(one({ type: 'button', button: { payload: 'STOP_PROMOS', text: 'Stop promotions' }, context: { from: '15550783881', id: 'wamid.T1' } }))
      .toMatchObject({ messageType: 'button', text: 'Stop promotions', details: { button: { payload: 'STOP_PROMOS' } } });
    expect(one({ type: 'button', button: { payload: 'ONLY_PAYLOAD' } }).text).toBe('ONLY_PAYLOAD');
  });

  it('reactions, and a reaction removed (empty or missing emoji)', () => {
    expect(one({ type: 'reaction', reaction: { message_id: 'wamid.OUT2', emoji: '👍' } })).toMatchObject({ text: 'Reacted 👍', details: { reaction: { message_id: 'wamid.OUT2' } } });
    expect(one({ type: 'reaction', reaction: { message_id: 'wamid.OUT2', emoji: '' } }).text).toBe('Removed a reaction');
    expect(one({ type: 'reaction', reaction: { message_id: 'wamid.OUT2' } }).text).toBe('Removed a reaction');
  });

  it('orders with product items', () => {
    const order = one({ type: 'order', order: { catalog_id: '194836987003835', text: 'Ship quickly', product_items: [{ product_retailer_id: 'di9ozbzfi4', quantity: 2, item_price: 30, currency: 'USD' }, { product_retailer_id: 'nqryix03ez', quantity: 1, item_price: 25, currency: 'USD' }] } });
    expect(order).toMatchObject({ messageType: 'order', text: 'Order of 2 item(s): Ship quickly', details: { order: { catalog_id: '194836987003835' } } });
  });

  it('system messages: a changed number and a changed identity', () => {
    expect(one({ type: 'system', system: { body: 'User A changed from 16505551234 to 16505559999', wa_id: '16505559999', type: 'user_changed_number' } }))
      .toMatchObject({ messageType: 'system', text: 'User A changed from 16505551234 to 16505559999', details: { system: { type: 'user_changed_number', wa_id: '16505559999' } } });
    expect(one({ type: 'system', system: { body: "User's identity changed", identity: 'Tvmxx7hGrZ0=', type: 'customer_identity_changed', customer: WA_ID } }).text).toBe("User's identity changed");
  });

  it('click-to-WhatsApp ad referrals keep headline, body and media; a referral with no text shows the ad', () => {
    const referral = {
      source_url: 'https://fb.me/3cr4Wqqkv', source_id: '120226305854810726', source_type: 'ad', body: 'Chat with us', headline: 'Summer sale',
      media_type: 'image', image_url: 'https://scontent.xx.fbcdn.net/v/t45.1/ad.jpg', ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMXP7Q',
      welcome_message: { text: 'Hi! How can we help?' },
    };
    expect(one({ type: 'text', text: { body: 'Is the sale still on?' }, referral })).toMatchObject({ text: 'Is the sale still on?', details: { referral: { headline: 'Summer sale', source_type: 'ad', image_url: expect.any(String) } } });
    expect(one({ type: 'request_welcome', referral }).text).toBe('The customer opened the chat');
    expect(one({ type: 'text', text: {}, referral }).text).toBe('Summer sale: Chat with us');
  });

  it('unsupported and unknown messages keep Meta\'s reason', () => {
    const unknown = one({ type: 'unknown', errors: [{ code: 131051, details: 'Message type is not currently supported', title: 'Unsupported message type' }] });
    expect(unknown).toMatchObject({ messageType: 'unknown', unsupported: 'Unsupported message type', text: '(unsupported unknown message)' });
    const unsupported = one({
      type: 'unsupported', unsupported: { type: 'edit' },
      errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }],
    });
    expect(unsupported).toMatchObject({ unsupported: 'Message type is currently not supported.', text: '(unsupported edit message)', details: { unsupported: { type: 'edit' }, errors: [{ code: 131051 }] } });
  });

  it('a type this code has never seen: its text if it has any, recorded as unsupported, never lost', () => {
    expect(one({ type: 'poll_vote', poll_vote: { text: 'Option B', poll_id: 'p1' } })).toMatchObject({
      messageType: 'poll_vote', text: 'Option B', unsupported: 'message type poll_vote is not supported', details: { poll_vote: { poll_id: 'p1' } },
    });
    expect(one({ type: 'hologram' })).toMatchObject({ messageType: 'hologram', text: '(unsupported hologram message)' });
    expect(one({})).toMatchObject({ messageType: 'unknown', unsupported: expect.any(String) });
  });

  it('context: replies, forwarded, frequently forwarded, product enquiries; identity', () => {
    expect(one({ type: 'text', text: { body: 'this one' }, context: { from: '15550783881', id: 'wamid.OUT3' } }).details).toEqual({ context: { from: '15550783881', id: 'wamid.OUT3' } });
    expect(one({ type: 'text', text: { body: 'fwd' }, context: { forwarded: true } }).details).toEqual({ context: { forwarded: true } });
    expect(one({ type: 'image', image: { id: 'i3', mime_type: 'image/jpeg' }, context: { frequently_forwarded: true } }).details).toEqual({ context: { frequently_forwarded: true } });
    const product = one({ type: 'text', text: { body: 'Do you have it in blue?' }, context: { from: '15550783881', id: 'wamid.CAT', referred_product: { catalog_id: 'c1', product_retailer_id: 'sku-9' } } });
    expect(product.details).toMatchObject({ context: { referred_product: { product_retailer_id: 'sku-9' } } });
    expect(one({ type: 'text', text: { body: 'hi' }, identity: { acknowledged: true, created_timestamp: 1602532300000, hash: 'Sjvjlx8G6Z0=' } }).details)
      .toEqual({ identity: { acknowledged: true, created_timestamp: 1602532300000, hash: 'Sjvjlx8G6Z0=' } });
  });

  it('keeps message fields newer than this code instead of dropping them', () => {
    expect(one({ type: 'text', text: { body: 'in the group' }, group_id: 'GRP.1', future_flag: true }).details).toEqual({ extra: { group_id: 'GRP.1', future_flag: true } });
  });

  it('a deleted message (revoke) names the message it deleted', () => {
    expect(one({ type: 'revoke', revoke: { original_message_id: 'wamid.GONE' } })).toMatchObject({ text: 'The customer deleted a message', details: { revoke: { original_message_id: 'wamid.GONE' } } });
  });
});

describe('WhatsApp senders', () => {
  it('without contacts[] or without a profile name', () => {
    expect(one({ type: 'text', text: { body: 'x' } }, []).contact).toEqual({ id: WA_ID, phone: '+16505551234' });
    expect(one({ type: 'text', text: { body: 'x' } }, [{ wa_id: WA_ID }]).contact).toEqual({ id: WA_ID, phone: '+16505551234' });
    const events = parseWhatsApp(body({ messages: [{ from: WA_ID, id: 'wamid.NC', timestamp: '1749416383', type: 'text', text: { body: 'x' } }] }), at);
    expect(events[0]).toMatchObject({ type: 'message', contact: { id: WA_ID } });
  });

  it('business-scoped user ids: the phone when Meta shares it, else the BSUID and the username', () => {
    const both = one({ type: 'text', text: { body: 'x' }, from_user_id: 'US.13491208655302741918' }, [{ profile: { name: 'Sheena' }, wa_id: WA_ID, user_id: 'US.13491208655302741918' }]);
    expect(both.contact).toEqual({ id: WA_ID, phone: '+16505551234', name: 'Sheena' });
    expect(both.details).toMatchObject({ userId: 'US.13491208655302741918' });
    const withheld = parseWhatsApp(body({
      contacts: [{ profile: { name: 'Bob', username: 'bob.builds' }, user_id: 'US.13491208655302741918', parent_user_id: 'US.ENT.11815799212886844830' }],
      messages: [{ from_user_id: 'US.13491208655302741918', id: 'wamid.BSUID', timestamp: '1749416383', type: 'text', text: { body: 'no number' } }],
    }), at)[0] as Message;
    expect(withheld).toMatchObject({ type: 'message', text: 'no number', contact: { id: 'US.13491208655302741918', name: 'Bob', username: 'bob.builds' }, details: { parentUserId: 'US.ENT.11815799212886844830' } });
    expect(withheld.contact.phone).toBeUndefined();
  });
});

describe('WhatsApp statuses[]', () => {
  const status = (extra: object) => parseWhatsApp(body({ statuses: [{ id: 'wamid.OUT', recipient_id: WA_ID, timestamp: '1750263773', ...extra }] }), at)[0] as Status;

  it('sent, delivered and read, with or without conversation and pricing, echoing our callback data', () => {
    const conversation = { id: '6ceb9d929c5e2c1a2e0e6e2a1c2f3f3a', expiration_timestamp: '1750350180', origin: { type: 'service' } };
    const pricing = { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' };
    expect(status({ status: 'sent', conversation, pricing, biz_opaque_callback_data: '01KT:01KM' })).toEqual({
      type: 'status', kind: 'whatsapp', externalId: PHONE_ID, metaMessageId: 'wamid.OUT', status: 'sent', at: '2025-06-18T16:22:53.000Z',
      recipientId: WA_ID, errors: [], callbackData: '01KT:01KM',
    });
    expect(status({ status: 'delivered', pricing })).toMatchObject({ status: 'delivered' });
    expect(status({ status: 'read' })).toMatchObject({ status: 'read', callbackData: undefined });
    expect(status({ status: 'READ' }).status).toBe('read');
  });

  it('failed with Meta\'s error code, title, message and details', () => {
    const failed = status({ status: 'failed', errors: [{ code: 131049, title: 'This message was not delivered to maintain healthy ecosystem engagement.', message: 'This message was not delivered to maintain healthy ecosystem engagement.', error_data: { details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.' }, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/' }] });
    expect(failed.errors).toEqual([{ code: 131049, title: expect.stringContaining('not delivered'), message: expect.stringContaining('not delivered'), details: expect.stringContaining('healthy ecosystem') }]);
  });

  it('a status for a BSUID recipient, and a status without an id, recorded instead of lost', () => {
    const events = parseWhatsApp(body({ statuses: [{ id: 'wamid.B', status: 'delivered', timestamp: '1750263773', recipient_user_id: 'US.1349' }, { status: 'read' }] }), at);
    expect(events[0]).toMatchObject({ type: 'status', recipientId: 'US.1349' });
    expect(events[1]).toMatchObject({ type: 'other', field: 'messages' });
  });
});

describe('WhatsApp deliveries: several entries, changes and messages; value errors; other fields', () => {
  it('yields every message and status of every change of every entry, in order', () => {
    const delivery = {
      object: 'whatsapp_business_account',
      entry: [
        { id: 'waba1', changes: [
          { field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: 'P1' }, contacts: [{ wa_id: '111111111', profile: { name: 'One' } }, { wa_id: '222222222', profile: { name: 'Two' } }],
            messages: [{ from: '111111111', id: 'w1', timestamp: '1749416383', type: 'text', text: { body: 'first' } }, { from: '222222222', id: 'w2', timestamp: '1749416384', type: 'text', text: { body: 'second' } }] } },
          { field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: 'P1' }, statuses: [{ id: 'out1', status: 'delivered', timestamp: '1749416385', recipient_id: '111111111' }] } },
        ] },
        { id: 'waba2', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: 'P2' }, messages: [{ from: '333333333', id: 'w3', timestamp: '1749416386', type: 'text', text: { body: 'third' } }] } }] },
      ],
    };
    const events = parseWhatsApp(delivery, at);
    expect(events.map((e) => [e.type, e.externalId, e.type === 'message' ? `${e.contact.name ?? ''}:${e.text}` : e.type === 'status' ? e.status : ''])).toEqual([
      ['message', 'P1', 'One:first'], ['message', 'P1', 'Two:second'], ['status', 'P1', 'delivered'], ['message', 'P2', ':third'],
    ]);
  });

  it('records value-level errors next to whatever else the change carries', () => {
    const events = parseWhatsApp(body({ errors: [{ code: 131000, title: 'Something went wrong', message: 'Something went wrong', error_data: { details: 'Unknown error' } }] }), at);
    expect(events).toEqual([expect.objectContaining({ type: 'other', field: 'messages', externalId: PHONE_ID, summary: expect.stringContaining('131000') })]);
  });

  it.each([
    ['account_update', { phone_number: '15550783881', event: 'VERIFIED_ACCOUNT' }],
    ['account_review_update', { decision: 'APPROVED' }],
    ['message_template_status_update', { event: 'APPROVED', message_template_id: 1, message_template_name: 'follow_up', message_template_language: 'en_US', reason: 'NONE' }],
    ['message_template_quality_update', { previous_quality_score: 'GREEN', new_quality_score: 'YELLOW', message_template_id: 1 }],
    ['template_category_update', { message_template_id: 1, previous_category: 'UTILITY', new_category: 'MARKETING' }],
    ['phone_number_quality_update', { display_phone_number: '15550783881', event: 'FLAGGED', current_limit: 'TIER_1K' }],
    ['phone_number_name_update', { display_phone_number: '15550783881', decision: 'APPROVED', requested_verified_name: 'Lucky Shrub' }],
    ['business_capability_update', { max_daily_conversation_per_phone: 1000, max_phone_numbers_per_business: 2 }],
    ['security', { display_phone_number: '15550783881', event: 'PIN_CHANGED' }],
  ])('%s, naming no phone number id: recorded as other for the business account', (field, value) => {
    const events = parseWhatsApp({ object: 'whatsapp_business_account', entry: [{ id: '102290129340398', time: 1749416383, changes: [{ field, value }] }] }, at);
    expect(events).toEqual([expect.objectContaining({ type: 'other', field, entryId: '102290129340398' })]);
    expect(events[0].externalId).toBeUndefined();
    expect(ignoredBecause(field)).not.toContain('is not a customer message');
  });

  it.each([
    ['calls', { calls: [{ id: 'wacid.1', from: WA_ID, to: '15550783881', event: 'connect', timestamp: '1749416383' }], contacts: [{ wa_id: WA_ID }] }],
    ['user_preferences', { contacts: [{ wa_id: WA_ID }], user_preferences: [{ wa_id: WA_ID, detail: 'User requested to stop marketing messages', category: 'marketing_messages', value: 'stop', timestamp: 1749416383 }] }],
    ['smb_message_echoes', { message_echoes: [{ from: '15550783881', to: WA_ID, id: 'wamid.ECHO', timestamp: '1749416383', type: 'text', text: { body: 'sent from the app' } }] }],
    ['history', { history: [{ metadata: { phase: 0 }, threads: [] }] }],
  ])('%s, naming the phone number: recorded as other for the channel, never a customer message', (field, value) => {
    const events = parseWhatsApp(body(value, field), at);
    expect(events).toEqual([expect.objectContaining({ type: 'other', field, externalId: PHONE_ID })]);
    expect(ignoredBecause(field)).not.toContain('is not a customer message');
  });

  it('skips what is not an object at every level without failing', () => {
    expect(parseWhatsApp({ object: 'whatsapp_business_account', entry: 'x' }, at)).toEqual([]);
    expect(parseWhatsApp({ entry: [1, 'a', { changes: [null, 3, { field: 'messages' }] }] }, at)).toEqual([]);
    const odd = parseWhatsApp(body({ messages: [null, 'x', { from: WA_ID, id: 'wamid.ODD', type: 'image', image: 'not an object' }], statuses: 'nope' }), at);
    expect(odd).toEqual([expect.objectContaining({ type: 'message', messageType: 'image', unsupported: expect.any(String), at: at.toISOString() })]);
  });
});

describe('why an event is not a message', () => {
  it('says so for every field we know, and names any other field', () => {
    expect(ignoredBecause('smb_message_echoes')).toMatch(/business sent/);
    expect(ignoredBecause('brand_new_field')).toBe('brand_new_field is not a customer message');
  });
});
