import { describe, expect, it } from 'vitest';
import type { MetaEvent } from '../../../../functions/domain/meta/meta-event';
import { ignoredBecause } from '../../../../functions/domain/meta/ignored-fields';
import { parseInstagram } from '../../../../functions/domain/meta/parse-instagram';

/**
 * Every documented shape of Instagram messaging webhooks (Messenger API for Instagram and
 * Instagram API with Instagram Login), written from Meta's documentation: each becomes a message,
 * a read status, or a recorded `other` event with a reason, never an exception.
 */
const at = new Date('2026-12-07T12:00:00Z');
const IGID = '17841405793187218';
const IGSID = '1914216925395347';
const TS = 1761287294014;

type Message = Extract<MetaEvent, { type: 'message' }>;

const delivery = (items: object[], key: 'messaging' | 'standby' = 'messaging', object = 'instagram') =>
  ({ object, entry: [{ id: IGID, time: TS + 4000, [key]: items }] });
const item = (what: object) => ({ sender: { id: IGSID }, recipient: { id: IGID }, timestamp: TS, ...what });
const parse = (what: object) => parseInstagram(delivery([item(what)]), at);
const msg = (message: object): Message => {
  const events = parse({ message: { mid: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQx', ...message } });
  expect(events).toHaveLength(1);
  expect(events[0].type).toBe('message');
  return events[0] as Message;
};

describe('Instagram messages', () => {
  it('text, with Meta\'s epoch-millisecond timestamp as a number', () => {
    expect(msg({ text: 'Hi! Do you ship to Lisbon?' })).toMatchObject({
      type: 'message', kind: 'instagram', externalId: IGID, contact: { id: IGSID }, messageType: 'text', text: 'Hi! Do you ship to Lisbon?', media: [],
      at: new Date(TS).toISOString(),
    });
  });

  it('image, video, audio and file attachments, several in one message', () => {
    const event = msg({ attachments: [
      { type: 'image', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' } },
      { type: 'image', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2' } },
      { type: 'video', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=3' } },
      { type: 'audio', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=4' } },
      { type: 'file', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=5' } },
    ] });
    expect(event.media.map((m) => m.kind)).toEqual(['image', 'image', 'video', 'audio', 'file']);
    expect(event).toMatchObject({ messageType: 'image', text: '' });
    expect(event.details).toBeUndefined();
  });

  it('shares and post shares (share + ig_post naming one URL are one file), reels, story mentions', () => {
    const url = 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=18139494541428835&signature=x';
    const post = msg({ attachments: [
      { type: 'share', payload: { url } },
      { type: 'ig_post', payload: { ig_post_media_id: '18139494541428835', title: 'Build a workspace that attracts talent.', url } },
    ] });
    expect(post.media).toEqual([{ kind: 'share', url }]);
    expect(post).toMatchObject({ messageType: 'share', text: 'Build a workspace that attracts talent.' });
    expect(post.details?.attachments).toHaveLength(2);

    const reel = msg({ attachments: [{ type: 'ig_reel', payload: { reel_video_id: '1234', title: 'Reel caption #fun', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=r' } }] });
    expect(reel).toMatchObject({ messageType: 'ig_reel', text: 'Reel caption #fun', media: [{ kind: 'ig_reel', url: expect.stringContaining('asset_id=r') }] });
    expect(reel.media[0].filename).toBeUndefined();
    expect(msg({ attachments: [{ type: 'reel', payload: { reel_video_id: '5', url: 'https://lookaside.fbsbx.com/r5' } }] })).toMatchObject({ messageType: 'reel', text: '' });

    const mention = msg({ attachments: [{ type: 'story_mention', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=story' } }] });
    expect(mention).toMatchObject({ messageType: 'story_mention', media: [{ kind: 'story_mention' }], details: { attachments: [{ type: 'story_mention' }] } });
    const story = msg({ attachments: [{ type: 'ig_story', payload: { story_media_id: '1794', story_media_url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1794' } }] });
    expect(story).toMatchObject({ messageType: 'ig_story', media: [{ kind: 'ig_story', url: expect.stringContaining('1794') }] });
    // A kind newer than this code with a URL: kept as a file (the adapter fetches only from Meta's hosts).
    expect(msg({ attachments: [{ type: 'hologram', payload: { url: 'https://lookaside.fbsbx.com/h' } }] })).toMatchObject({ messageType: 'hologram', media: [{ kind: 'hologram' }] });
  });

  it('links (fallback) and templates are words, never downloaded', () => {
    const link = msg({ text: undefined, attachments: [{ type: 'fallback', payload: { url: 'https://example.com/article', title: 'An article' } }] });
    expect(link).toMatchObject({ messageType: 'fallback', text: 'An article https://example.com/article', media: [] });
    const template = msg({ attachments: [{ type: 'template', payload: { generic: { elements: [{ title: 'Blue mug', subtitle: '12 EUR' }, { title: 'Red mug' }] } } }] });
    expect(template).toMatchObject({ messageType: 'template', text: 'Blue mug - 12 EUR\nRed mug', media: [] });
    expect(msg({ attachments: [{ type: 'like_heart' }] })).toMatchObject({ messageType: 'like_heart', text: '(like_heart)' });
    // Text next to an attachment stays the text.
    expect(msg({ text: 'look', attachments: [{ type: 'fallback', payload: { url: 'https://example.com/x' } }] }).text).toBe('look');
  });

  it('replies to a message and to a story; quick replies; ad referrals on a message', () => {
    expect(msg({ text: 'yes that one', reply_to: { mid: 'm_OUT1' } })).toMatchObject({ messageType: 'text', details: { replyTo: { mid: 'm_OUT1' } } });
    expect(msg({ text: 'love it', reply_to: { story: { url: 'https://lookaside.fbsbx.com/story', id: '1792' } } })).toMatchObject({ messageType: 'story_reply', text: 'love it' });
    expect(msg({ text: 'Red', quick_reply: { payload: 'COLOR_RED' } })).toMatchObject({ text: 'Red', details: { quickReply: { payload: 'COLOR_RED' } } });
    expect(msg({ text: 'from the ad', referral: { ref: 'summer', ad_id: '6761', source: 'ADS', type: 'OPEN_THREAD', ads_context_data: { ad_title: 'Sale' } } }).details)
      .toMatchObject({ referral: { ad_id: '6761' } });
  });

  it('deleted: an event of its own naming the deleted message; unsupported: recorded as such', () => {
    const deleted = msg({ is_deleted: true });
    expect(deleted).toMatchObject({ messageType: 'deleted', metaMessageId: 'deleted:aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQx', details: { deletedMessageId: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQx' } });
    expect(msg({ is_unsupported: true })).toMatchObject({ messageType: 'unsupported', unsupported: expect.any(String), text: '(unsupported message)' });
  });

  it('keeps message fields newer than this code instead of dropping them', () => {
    expect(msg({ text: 'hi', is_self: false, commerce: { id: 'c1' } }).details).toEqual({ extra: { is_self: false, commerce: { id: 'c1' } } });
  });

  it('edits: the new text as an event of its own per edit', () => {
    const [edit] = parse({ message_edit: { mid: 'm_IN1', text: 'Actually, size M', num_edit: 1 } }) as Message[];
    expect(edit).toMatchObject({ type: 'message', messageType: 'edit', metaMessageId: 'edit:m_IN1:1', text: '(edited) Actually, size M', details: { editedMessageId: 'm_IN1', numEdit: 1 } });
  });

  it('echoes of our own sends are not customer messages', () => {
    expect(parse({ message: { mid: 'm_OUT', text: 'ours', is_echo: true } })[0]).toMatchObject({ type: 'other', field: 'message_echo', contactId: IGID });
    expect(ignoredBecause('message_echo')).toMatch(/our own send/);
    const reversed = parseInstagram(delivery([{ sender: { id: IGID }, recipient: { id: IGSID }, timestamp: TS, message: { mid: 'm_OUT2', text: 'ours too' } }]), at);
    expect(reversed[0]).toMatchObject({ type: 'other', field: 'message_echo', contactId: IGSID });
  });
});

describe('Instagram non-message events', () => {
  it('reactions and unreactions', () => {
    expect(parse({ reaction: { mid: 'm_OUT1', action: 'react', reaction: 'love', emoji: '❤️' } })[0]).toMatchObject({ type: 'message', messageType: 'reaction', text: 'Reacted ❤️' });
    expect(parse({ reaction: { mid: 'm_OUT1', action: 'react', reaction: 'like' } })[0]).toMatchObject({ text: 'Reacted like' });
    const unreact = parse({ reaction: { mid: 'm_OUT1', action: 'unreact' } })[0] as Message;
    expect(unreact).toMatchObject({ text: 'Removed a reaction' });
    expect(unreact.metaMessageId).not.toBe((parse({ reaction: { mid: 'm_OUT1', action: 'react', emoji: '❤️' } })[0] as Message).metaMessageId);
  });

  it('postbacks (icebreakers, template buttons), with and without a mid', () => {
    expect(parse({ postback: { mid: 'm_PB', title: 'Track my order', payload: 'TRACK' } })[0]).toMatchObject({ type: 'message', messageType: 'postback', metaMessageId: 'm_PB', text: 'Track my order' });
    const noMid = parse({ postback: { payload: 'TRACK' } })[0] as Message;
    expect(noMid.metaMessageId).toBe(`postback:${IGSID}:${new Date(TS).toISOString()}:TRACK`);
    expect(noMid.text).toBe('TRACK');
  });

  it('reads are a status of our message; a read without a mid is recorded', () => {
    expect(parse({ read: { mid: 'm_OUT1' } })[0]).toEqual({ type: 'status', kind: 'instagram', externalId: IGID, metaMessageId: 'm_OUT1', status: 'read', at: new Date(TS).toISOString(), recipientId: IGSID });
    expect(parse({ read: { watermark: TS } })[0]).toMatchObject({ type: 'other', field: 'read' });
  });

  it.each([
    ['referral', { referral: { ref: 'spring', source: 'SHORTLINK', type: 'OPEN_THREAD' } }],
    ['optin', { optin: { type: 'notification_messages', payload: 'x', notification_messages_token: 't' } }],
    ['pass_thread_control', { pass_thread_control: { previous_owner_app_id: '1', new_owner_app_id: '2', metadata: '' } }],
    ['policy_enforcement', { policy_enforcement: { action: 'block', reason: 'spam' } }],
  ])('%s: no customer words, recorded with the field as the reason', (field, what) => {
    expect(parse(what)[0]).toMatchObject({ type: 'other', field, contactId: IGSID });
    expect(ignoredBecause(field)).not.toContain('is not a customer message');
  });

  it('standby deliveries are messages', () => {
    const events = parseInstagram(delivery([item({ message: { mid: 'm_SB', text: 'while another app holds the thread' } })], 'standby'), at);
    expect(events[0]).toMatchObject({ type: 'message', text: 'while another app holds the thread' });
  });

  it('changes[]: comments and mentions recorded; a messaging item sent as a change value is a message', () => {
    const comment = { field: 'comments', value: { from: { id: '232323232', username: 'someone' }, media: { id: '123123123', media_product_type: 'FEED' }, id: '17865799348089039', text: 'This is an example.' } };
    const mention = { field: 'mentions', value: { media_id: '17887498072083520', comment_id: '17887498072083521' } };
    const test = { field: 'messages', value: { event_type: 'message', sender: { id: '12334' }, recipient: { id: '23245' }, timestamp: '1527459824', message: { mid: 'random_mid', text: 'random_text' } } };
    const events = parseInstagram({ object: 'instagram', entry: [{ id: IGID, time: TS, changes: [comment, mention, test] }] }, at);
    expect(events[0]).toMatchObject({ type: 'other', field: 'comments', contactId: '232323232' });
    expect(events[1]).toMatchObject({ type: 'other', field: 'mentions' });
    expect(events[2]).toMatchObject({ type: 'message', metaMessageId: 'random_mid', text: 'random_text', contact: { id: '12334' }, at: '2018-05-27T22:23:44.000Z' });
  });

  it('object page (Messenger API for Instagram), several entries and items in one delivery, in order', () => {
    const body = {
      object: 'page',
      entry: [
        { id: IGID, time: TS, messaging: [item({ message: { mid: 'a', text: 'one' } }), item({ message: { mid: 'b', text: 'two' } })] },
        { id: '17841400000000002', time: TS, messaging: [{ sender: { id: '77' }, recipient: { id: '17841400000000002' }, timestamp: TS, message: { mid: 'c', text: 'three' } }] },
      ],
    };
    expect(parseInstagram(body, at).map((e) => [e.externalId, e.type === 'message' ? e.text : e.type])).toEqual([[IGID, 'one'], [IGID, 'two'], ['17841400000000002', 'three']]);
  });

  it('skips or records what is malformed, never throws', () => {
    expect(parseInstagram({ object: 'instagram', entry: [null, 3, { id: IGID, messaging: 'x', changes: [null, { field: 'x' }] }] }, at)).toEqual([
      expect.objectContaining({ type: 'other', field: 'x' }),
    ]);
    expect(parse({ message: { text: 'no mid' } })[0]).toMatchObject({ type: 'other', field: 'message' });
    expect(parseInstagram(delivery([{ message: { mid: 'x', text: 'no sender' } }]), at)[0]).toMatchObject({ type: 'other', field: 'messaging' });
    expect(msg({ attachments: [null, { type: 'image' }, { payload: 'x' }] })).toMatchObject({ text: '(image)\n(file)', media: [] });
    // A timestamp Meta never sends falls back to the entry's time.
    expect(parseInstagram(delivery([{ ...item({ message: { mid: 'z', text: 't' } }), timestamp: 'soon' }]), at)[0].at).toBe(new Date(TS + 4000).toISOString());
  });
});
