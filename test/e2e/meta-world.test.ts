import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signMetaBody } from '../../functions/domain/meta/signature';
import { stableUlid } from '../../functions/domain/stable-id';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';
import { api } from '../support/http-client';
import { channelCreator } from '../support/meta-channels';
import type { Json } from '../support/meta-corpus';

/**
 * Mixed deliveries as Meta sends them (several entries, changes and items of every kind in one
 * signed POST), through the real webhook Function URLs of the local runtime: every customer message
 * lands on its contact's ticket in order, statuses and fields we do not act on are acknowledged,
 * and a redelivery of the whole POST adds nothing.
 */
const runtime = inject('runtime') as ReturnType<typeof inject<'runtime'>> & { metaWebhookUrls: { whatsapp: string; instagram: string } };
const admin = api(runtime.tokens.admin);
const agent = api(runtime.tokens.agent);

// Ids of their own: the runtime is shared with meta.test.ts.
const WA_PHONE_ID = '2233445566779';
const WA_SECRET = 'wa-world-secret-e2e';
const IG_ACCOUNT = '17841400000000077';
const IG_SECRET = 'ig-world-secret-e2e';

let waChannelId = '';
let igChannelId = '';

const signed = async (kind: 'whatsapp' | 'instagram', body: Json) => {
  const raw = JSON.stringify(body);
  const res = await fetch(runtime.metaWebhookUrls[kind], {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(raw, kind === 'whatsapp' ? WA_SECRET : IG_SECRET) },
    body: raw,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
};
const ticketIdOf = (channelId: string, metaMessageId: string, at: Date) => stableUlid(`meta-ticket\u0000${channelId}\u0000${metaMessageId}`, at);
const getTicket = async (ticketId: string) => {
  const res = await admin.get(`/v1/tickets/${ticketId}`);
  expect(res.status).toBe(200);
  return res.body;
};
/** The ticket once it holds `count` messages (one contact's items are worked in order, so the last is proof of all before it). */
const ticketWith = (ticketId: string, count: number) => eventually(async () => {
  const t = await getTicket(ticketId);
  expect(t.messages).toHaveLength(count);
  return t;
}, EVENT_WAIT_MS);
const runtimeNow = async () => Math.floor(new Date((await admin.get('/v1/dev/clock')).body.now).getTime() / 1000);
const bodies = (t: Json) => t.messages.map((m: Json) => m.body);

beforeAll(async () => {
  const create = channelCreator(admin);
  waChannelId = await create({ kind: 'whatsapp', name: 'World line', phoneNumberId: WA_PHONE_ID, appSecret: WA_SECRET, accessToken: 'EAAG-world-token', verifyToken: 'verify-wa-world' });
  igChannelId = await create({ kind: 'instagram', name: 'World DMs', accountId: IG_ACCOUNT, appSecret: IG_SECRET, accessToken: 'IGQ-world-token', verifyToken: 'verify-ig-world' });
});

describe('a mixed WhatsApp delivery', { timeout: 4 * EVENT_WAIT_MS }, () => {
  it('stores every message on its contact\'s ticket, acknowledges the rest, and a redelivery adds nothing', async () => {
    const now = await runtimeNow();
    const tag = String(now).slice(-6);
    const ana = `3519100${tag}`;
    const ben = `3519200${tag}`;
    const bsuid = `PT.${tag}77001122334455`;
    const ts = (offset: number) => String(now - 100 + offset);
    const metadata = { display_phone_number: '351210000000', phone_number_id: WA_PHONE_ID };
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp', metadata,
                contacts: [{ profile: { name: 'Ana Sousa' }, wa_id: ana }, { profile: { name: 'Ben Ito' }, wa_id: ben }],
                messages: [
                  { from: ana, id: `wamid.w.${tag}.a1`, timestamp: ts(1), type: 'text', text: { body: 'My order has not arrived' }, context: { from: '351210000000', id: 'wamid.never-ours' } },
                  { from: ben, id: `wamid.w.${tag}.b1`, timestamp: ts(2), type: 'location', location: { latitude: 38.7223, longitude: -9.1393, name: 'Shop', address: 'Rua Augusta 1' } },
                  { from: ana, id: `wamid.w.${tag}.a2`, timestamp: ts(3), type: 'image', image: { caption: 'the box', mime_type: 'image/jpeg', sha256: 'x', id: `media-${tag}` } },
                  { from: ben, id: `wamid.w.${tag}.b2`, timestamp: ts(4), type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'r2', title: 'Returns', description: 'Send something back' } } },
                  { from: ana, id: `wamid.w.${tag}.a3`, timestamp: ts(5), type: 'contacts', contacts: [{ name: { formatted_name: 'Rui Sousa' }, phones: [{ phone: '+351 910 000 000' }], emails: [{ email: 'rui@example.com' }], org: { company: 'Sousa Lda' } }] },
                  { from: ana, id: `wamid.w.${tag}.a4`, timestamp: ts(6), type: 'reaction', reaction: { message_id: `wamid.w.${tag}.a1`, emoji: '🙏' } },
                  { from: ben, id: `wamid.w.${tag}.b3`, timestamp: ts(7), type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"flow_token":"t","reason":"too small"}' } } },
                ],
              },
            },
            // A status of a message this helpdesk never sent: acknowledged, recorded, nothing changes.
            { field: 'messages', value: { messaging_product: 'whatsapp', metadata, statuses: [{ id: `wamid.not-ours.${tag}`, status: 'delivered', timestamp: ts(8), recipient_id: ana, pricing: { billable: false, category: 'service' } }] } },
            // Fields we do not act on: acknowledged and recorded.
            { field: 'message_template_status_update', value: { event: 'APPROVED', message_template_id: 42, message_template_name: 'follow_up', message_template_language: 'en_US', reason: 'NONE' } },
          ],
        },
        {
          id: '102290129340398',
          changes: [{
            field: 'messages',
            value: {
              messaging_product: 'whatsapp', metadata,
              // A WhatsApp user with a username who withholds the number: known by business-scoped user id.
              contacts: [{ profile: { name: 'Cleo', username: `cleo${tag}` }, user_id: bsuid }],
              messages: [
                { from_user_id: bsuid, id: `wamid.w.${tag}.c1`, timestamp: ts(9), type: 'text', text: { body: 'Hello from a username' } },
                { from_user_id: bsuid, id: `wamid.w.${tag}.c2`, timestamp: ts(10), type: 'unsupported', unsupported: { type: 'edit' }, errors: [{ code: 131051, title: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }] },
                { from_user_id: bsuid, id: `wamid.w.${tag}.c3`, timestamp: ts(11), type: 'poll_vote', poll_vote: { text: 'Option B' } },
              ],
            },
          }],
        },
      ],
    };

    const res = await signed('whatsapp', body);
    expect(res.status).toBe(200);
    // 10 messages and 1 status for the channel; the template update names only the business account.
    expect(res.body).toEqual({ queued: 11, unrouted: 1 });

    const anaTicket = ticketIdOf(waChannelId, `wamid.w.${tag}.a1`, new Date(Number(ts(1)) * 1000));
    const benTicket = ticketIdOf(waChannelId, `wamid.w.${tag}.b1`, new Date(Number(ts(2)) * 1000));
    const cleoTicket = ticketIdOf(waChannelId, `wamid.w.${tag}.c1`, new Date(Number(ts(9)) * 1000));
    const a = await ticketWith(anaTicket, 4);
    expect(a).toMatchObject({ channel: 'whatsapp', requester: { name: 'Ana Sousa', phone: `+${ana}` } });
    expect(bodies(a)).toEqual(['My order has not arrived', 'the box', 'Contact: Rui Sousa +351 910 000 000 rui@example.com (Sousa Lda)', 'Reacted 🙏']);
    expect(a.messages.map((m: Json) => m.meta.type)).toEqual(['text', 'image', 'contacts', 'reaction']);
    expect(a.messages[0].meta.details.context).toEqual({ from: '351210000000', id: 'wamid.never-ours' });
    expect(a.messages[1].attachments).toEqual([expect.objectContaining({ contentType: 'image/jpeg', size: Buffer.byteLength(`local media media-${tag}`) })]);
    expect(a.messages[3].meta.details.reaction).toEqual({ message_id: `wamid.w.${tag}.a1`, emoji: '🙏' });

    const b = await ticketWith(benTicket, 3);
    expect(b.requester).toMatchObject({ name: 'Ben Ito', phone: `+${ben}` });
    expect(bodies(b)).toEqual(['Location: Shop, Rua Augusta 1 (38.7223, -9.1393)', 'Returns (Send something back)', 'Sent\nreason: too small']);

    const c = await ticketWith(cleoTicket, 3);
    expect(c.requester.name).toBe('Cleo');
    expect(c.requester.phone ?? null).toBeNull();
    expect(bodies(c)).toEqual(['Hello from a username', '(unsupported edit message)', 'Option B']);
    expect(c.messages[1].meta).toMatchObject({ type: 'unsupported', details: { unsupported: 'Message type is currently not supported.' } });
    expect(c.messages[2].meta).toMatchObject({ type: 'poll_vote', details: { unsupported: expect.any(String) } });

    // Meta delivers the whole POST again: 200, and nothing new once each contact's next message is in.
    const again = await signed('whatsapp', body);
    expect(again).toEqual({ status: 200, body: { queued: 11, unrouted: 1 } });
    const marker = (from: Json, id: string, offset: number) => ({
      object: 'whatsapp_business_account',
      entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata, messages: [{ ...from, id, timestamp: ts(offset), type: 'text', text: { body: 'marker' } }] } }] }],
    });
    for (const [from, id] of [[{ from: ana }, 'a9'], [{ from: ben }, 'b9'], [{ from_user_id: bsuid }, 'c9']] as const) {
      expect((await signed('whatsapp', marker(from, `wamid.w.${tag}.${id}`, 20))).status).toBe(200);
    }
    expect(bodies(await ticketWith(anaTicket, 5)).at(-1)).toBe('marker');
    expect(bodies(await ticketWith(benTicket, 4)).at(-1)).toBe('marker');
    expect(bodies(await ticketWith(cleoTicket, 4)).at(-1)).toBe('marker');
    const list = await admin.get(`/v1/tickets?requesterEmail=${encodeURIComponent(`wa.${ana}@whatsapp.invalid`)}`);
    expect(list.body.items).toHaveLength(1);

    // The username contact is answered by business-scoped user id (`recipient`), as the Cloud API takes it.
    expect((await agent.post(`/v1/tickets/${cleoTicket}/messages`, { body: 'Hi Cleo!' })).status).toBe(201);
    const send = await eventually(async () => {
      const sends = await agent.get(`/v1/dev/meta/sends?ticketId=${cleoTicket}`);
      expect(sends.body.items).toHaveLength(1);
      return sends.body.items[0];
    }, EVENT_WAIT_MS);
    expect(send).toMatchObject({ kind: 'whatsapp', to: bsuid, accountId: WA_PHONE_ID, request: { recipient: bsuid, type: 'text', text: { body: 'Hi Cleo!' } } });
    expect(send.request.to).toBeUndefined();
  });
});

describe('a mixed Instagram delivery', { timeout: 4 * EVENT_WAIT_MS }, () => {
  it('stores messages, attachments, story replies, reactions, postbacks, edits and deletions in order; echoes and reads are not messages; a redelivery adds nothing', async () => {
    const now = await runtimeNow();
    const ms = (offset: number) => (now - 100 + offset) * 1000;
    const sender = `6${String(Date.now()).slice(-9)}`;
    const other = `5${String(Date.now()).slice(-9)}`;
    const from = (who: string, offset: number, what: Json) => ({ sender: { id: who }, recipient: { id: IG_ACCOUNT }, timestamp: ms(offset), ...what });
    const postUrl = `https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=${sender}`;
    const body = {
      object: 'instagram',
      entry: [
        {
          id: IG_ACCOUNT, time: ms(20),
          messaging: [
            from(sender, 1, { message: { mid: `m.${sender}.1`, text: 'Hi, is this in stock?' } }),
            from(sender, 2, { message: { mid: `m.${sender}.2`, attachments: [
              { type: 'image', payload: { url: `https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=img${sender}` } },
              { type: 'share', payload: { url: postUrl } },
              { type: 'ig_post', payload: { ig_post_media_id: '18139494541428835', title: 'Our blue mug', url: postUrl } },
            ] } }),
            from(other, 3, { message: { mid: `m.${other}.1`, text: 'love this', reply_to: { story: { url: 'https://lookaside.fbsbx.com/story', id: '1792' } } } }),
            // Our own reply, echoed back, and the customer reading it.
            { sender: { id: IG_ACCOUNT }, recipient: { id: sender }, timestamp: ms(4), message: { mid: `m.ours.${sender}`, text: 'Yes it is!', is_echo: true } },
            from(sender, 5, { read: { mid: `m.ours.${sender}` } }),
            from(sender, 6, { reaction: { mid: `m.ours.${sender}`, action: 'react', reaction: 'love', emoji: '❤️' } }),
            from(sender, 7, { postback: { mid: `m.${sender}.pb`, title: 'Talk to a human', payload: 'HUMAN' } }),
            from(sender, 8, { message_edit: { mid: `m.${sender}.1`, text: 'Hi, is this in stock in blue?', num_edit: 1 } }),
            from(sender, 9, { message: { mid: `m.${sender}.1`, is_deleted: true } }),
            from(sender, 10, { referral: { ref: 'spring', source: 'SHORTLINK', type: 'OPEN_THREAD' } }),
          ],
          changes: [{ field: 'comments', value: { from: { id: other, username: 'someone' }, media: { id: '1', media_product_type: 'FEED' }, id: '17865799348089039', text: 'Nice!' } }],
        },
        // An account no channel has: recorded as unrouted.
        { id: '17841499999999999', time: ms(20), messaging: [{ sender: { id: '42' }, recipient: { id: '17841499999999999' }, timestamp: ms(1), message: { mid: `m.nobody.${sender}`, text: 'hello?' } }] },
      ],
    };
    const res = await signed('instagram', body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ queued: 11, unrouted: 1 });

    const mine = ticketIdOf(igChannelId, `m.${sender}.1`, new Date(ms(1)));
    const t = await ticketWith(mine, 6);
    expect(t.channel).toBe('instagram');
    expect(bodies(t)).toEqual([
      'Hi, is this in stock?', 'Our blue mug', 'Reacted ❤️', 'Talk to a human', '(edited) Hi, is this in stock in blue?', '(the customer deleted a message)',
    ]);
    expect(t.messages.map((m: Json) => m.meta.type)).toEqual(['text', 'image', 'reaction', 'postback', 'edit', 'deleted']);
    // The post shared twice over (share + ig_post, one URL) is one file next to the image.
    expect(t.messages[1].attachments.map((x: Json) => x.size)).toEqual([
      Buffer.byteLength(`local media https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=img${sender}`), Buffer.byteLength(`local media ${postUrl}`),
    ]);
    expect(t.messages[5].meta).toMatchObject({ messageId: `deleted:m.${sender}.1`, details: { deletedMessageId: `m.${sender}.1` } });

    const story = await ticketWith(ticketIdOf(igChannelId, `m.${other}.1`, new Date(ms(3))), 1);
    expect(story.messages[0]).toMatchObject({ body: 'love this', meta: { type: 'story_reply', details: { replyTo: { story: { id: '1792' } } } } });

    const again = await signed('instagram', body);
    expect(again).toEqual({ status: 200, body: { queued: 11, unrouted: 1 } });
    expect((await signed('instagram', { object: 'instagram', entry: [{ id: IG_ACCOUNT, time: ms(30), messaging: [from(sender, 30, { message: { mid: `m.${sender}.marker`, text: 'marker' } })] }] })).status).toBe(200);
    const after = await ticketWith(mine, 7);
    expect(bodies(after).at(-1)).toBe('marker');
  });
});

describe('deliveries in shapes nobody planned for', { timeout: 2 * EVENT_WAIT_MS }, () => {
  it('answer 200 and keep what can be kept, never a 5xx that would make Meta retry and disable the webhook', async () => {
    const now = await runtimeNow();
    const from = `3519300${String(now).slice(-6)}`;
    const wa = await signed('whatsapp', {
      object: 'whatsapp_business_account',
      entry: [null, 5, 'x', { id: 'waba', changes: [null, 'y', { field: 'messages' }, { field: 'messages', value: {
        messaging_product: 'whatsapp', metadata: { phone_number_id: WA_PHONE_ID }, contacts: 'nope',
        messages: [7, { from, id: `wamid.odd.${from}`, timestamp: String(now), type: 'image', image: 'not an object' }],
        statuses: [{}, { id: `wamid.odd-status.${from}`, status: 'deleted', timestamp: String(now), recipient_id: from }],
      } }] }],
    });
    expect(wa).toEqual({ status: 200, body: { queued: 3, unrouted: 0 } });
    const t = await ticketWith(ticketIdOf(waChannelId, `wamid.odd.${from}`, new Date(now * 1000)), 1);
    expect(t.messages[0]).toMatchObject({ body: '(unsupported image message)', meta: { type: 'image', details: { unsupported: expect.any(String), image: 'not an object' } } });

    const ig = await signed('instagram', { object: 'instagram', entry: [{ id: IG_ACCOUNT, messaging: [{}, null, { sender: { id: '1' } }, { sender: 'x', message: 5 }], changes: 'x', standby: {} }, { messaging: [] }] });
    expect(ig).toEqual({ status: 200, body: { queued: 3, unrouted: 0 } });
    const empty = await signed('instagram', { object: 'instagram', entry: [] });
    expect(empty).toEqual({ status: 200, body: { queued: 0, unrouted: 0 } });
  });
});
