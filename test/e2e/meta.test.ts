import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signMetaBody } from '../../functions/domain/meta/signature';
import { stableUlid } from '../../functions/domain/stable-id';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';
import { api } from '../support/http-client';
import { channelCreator } from '../support/meta-channels';
import { type Json, corpusFiles, fillInstagram, retargetWhatsApp, signatureVector } from '../support/meta-corpus';

const runtime = inject('runtime') as ReturnType<typeof inject<'runtime'>> & { metaWebhookUrls: { whatsapp: string; instagram: string } };
const admin = api(runtime.tokens.admin);
const agent = api(runtime.tokens.agent);
const otherAdmin = api(runtime.otherOrg.tokens.admin);

const WA_PHONE_ID = '1122334455667';
const WA_SECRET = 'wa-app-secret-for-e2e';
const IG_ACCOUNT = '17841400000000001';
const IG_SECRET = 'ig-app-secret-for-e2e';
const vector = signatureVector();
const VECTOR_PHONE_ID = JSON.parse(vector.body.toString('utf8')).entry[0].changes[0].value.metadata.phone_number_id as string;

let waChannelId = '';
let igChannelId = '';
let vectorChannelId = '';
let counter = 0;
const uniqueContact = () => `9725${String(Date.now() % 1e6).padStart(6, '0')}${String(counter++ % 100).padStart(2, '0')}`;

async function post(kind: 'whatsapp' | 'instagram', body: string | Buffer, signature?: string) {
  const res = await fetch(runtime.metaWebhookUrls[kind], {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
    body,
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), body: text ? JSON.parse(text) : undefined };
}
const signed = (kind: 'whatsapp' | 'instagram', body: Json | string, secret = kind === 'whatsapp' ? WA_SECRET : IG_SECRET) => {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return post(kind, raw, signMetaBody(raw, secret));
};

const ticketIdOf = (channelId: string, metaMessageId: string, at: Date) => stableUlid(`meta-ticket\u0000${channelId}\u0000${metaMessageId}`, at);
const ticket = (ticketId: string) => eventually(async () => {
  const res = await admin.get(`/v1/tickets/${ticketId}`);
  expect(res.status).toBe(200);
  return res.body;
});
const runtimeNow = async () => new Date((await admin.get('/v1/dev/clock')).body.now);

/** A one-message WhatsApp body from the corpus's text case, for a contact and a time of the test's choosing. */
const whatsappText = (from: string, id: string, text: string, timestamp: number, name = 'Test Name') => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '1234567890987654321', changes: [{ field: 'messages', value: {
    messaging_product: 'whatsapp', metadata: { display_phone_number: '972123456789', phone_number_id: WA_PHONE_ID },
    contacts: [{ profile: { name }, wa_id: from }],
    messages: [{ from, id, timestamp: String(timestamp), type: 'text', text: { body: text } }],
  } }] }],
});

beforeAll(async () => {
  const create = channelCreator(admin);
  waChannelId = await create({ kind: 'whatsapp', name: 'Support line', phoneNumberId: WA_PHONE_ID, appSecret: WA_SECRET, accessToken: 'EAAG-local-token', verifyToken: 'verify-wa-e2e' });
  igChannelId = await create({ kind: 'instagram', name: 'Instagram DMs', accountId: IG_ACCOUNT, appSecret: IG_SECRET, accessToken: 'IGQ-local-token', verifyToken: 'verify-ig-e2e' });
  vectorChannelId = await create({ kind: 'whatsapp', name: 'pywa vector', phoneNumberId: VECTOR_PHONE_ID, appSecret: vector.app_secret, accessToken: 'EAAG-vector', verifyToken: 'verify-vector' });
});

describe('channels', () => {
  it('never returns secrets, lists, renames, refuses a taken Meta id, hides other organizations and removes', async () => {
    const got = await admin.get(`/v1/channels/${waChannelId}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: waChannelId, kind: 'whatsapp', phoneNumberId: WA_PHONE_ID, appSecretSet: true, accessTokenSet: true });
    expect(JSON.stringify(got.body)).not.toContain(WA_SECRET);
    expect(JSON.stringify(got.body)).not.toContain('EAAG-local-token');
    const list = await admin.get('/v1/channels');
    expect(list.body.items.map((c: Json) => c.id)).toEqual(expect.arrayContaining([waChannelId, igChannelId]));
    expect(JSON.stringify(list.body)).not.toContain(IG_SECRET);

    const taken = await admin.post('/v1/channels', { kind: 'whatsapp', name: 'Again', phoneNumberId: WA_PHONE_ID, appSecret: 'another-secret', accessToken: 'tok-tok-tok', verifyToken: 'verify-again' });
    expect(taken.status).toBe(409);
    expect(taken.headers.get('content-type')).toBe('application/problem+json');

    expect((await otherAdmin.get(`/v1/channels/${waChannelId}`)).status).toBe(404);
    expect((await agent.get('/v1/channels')).status).toBe(403);
    const bad = await admin.post('/v1/channels', { kind: 'whatsapp', name: 'x', phoneNumberId: '11 22/33', appSecret: '', accessToken: 'tok-tok-tok', verifyToken: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Json) => e.pointer)).toEqual(expect.arrayContaining(['#/phoneNumberId', '#/appSecret', '#/verifyToken']));

    const temp = await admin.post('/v1/channels', { kind: 'instagram', name: 'Temp', accountId: '1799', appSecret: 'temp-secret-1', accessToken: 'tok-tok-tok', verifyToken: 'verify-temp-1' });
    expect(temp.status).toBe(201);
    const renamed = await admin.patch(`/v1/channels/${temp.body.id}`, { name: 'Renamed', appSecret: 'temp-secret-2' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Renamed');
    const removed = await fetch(`${runtime.httpUrl}/v1/channels/${temp.body.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${runtime.tokens.admin}` } });
    expect(removed.status).toBe(204);
    expect((await admin.get(`/v1/channels/${temp.body.id}`)).status).toBe(404);
  });
});

describe('webhook verification (GET)', () => {
  it('echoes the bare challenge for a configured verify token and refuses anything else', async () => {
    const ok = await fetch(`${runtime.metaWebhookUrls.whatsapp}?hub.mode=subscribe&hub.verify_token=verify-wa-e2e&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const ig = await fetch(`${runtime.metaWebhookUrls.instagram}?hub.mode=subscribe&hub.verify_token=verify-ig-e2e&hub.challenge=abc`);
    expect(await ig.text()).toBe('abc');
    expect((await fetch(`${runtime.metaWebhookUrls.whatsapp}?hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=1`)).status).toBe(403);
    expect((await fetch(`${runtime.metaWebhookUrls.whatsapp}?hub.mode=unsubscribe&hub.verify_token=verify-wa-e2e&hub.challenge=1`)).status).toBe(403);
    // A token of the other product does not verify this one.
    expect((await fetch(`${runtime.metaWebhookUrls.whatsapp}?hub.mode=subscribe&hub.verify_token=verify-ig-e2e&hub.challenge=1`)).status).toBe(403);
  });
});

describe('signatures', () => {
  it('accepts pywa\'s recorded delivery with its recorded X-Hub-Signature-256, byte for byte', async () => {
    expect(vector.body.length).toBe(vector.body_length_bytes);
    const res = await post('whatsapp', vector.body, vector.x_hub_signature_256);
    expect(res.status).toBe(200);
    const message = JSON.parse(vector.body.toString('utf8')).entry[0].changes[0].value.messages[0];
    const at = new Date(Number(message.timestamp) * 1000);
    const t = await ticket(ticketIdOf(vectorChannelId, message.id, at));
    expect(t).toMatchObject({ channel: 'whatsapp', requester: { name: 'PyWa Tests', phone: '+972544401243' } });
    expect(t.messages[0]).toMatchObject({ body: 'Hey there! I am using PyWa.', createdAt: at.toISOString(), meta: { messageId: message.id, type: 'text' } });
  });

  it('answers 401 to a missing or wrong signature and stores nothing', async () => {
    const now = await runtimeNow();
    const from = uniqueContact();
    const body = JSON.stringify(whatsappText(from, `wamid.unsigned.${from}`, 'hello', Math.floor(now.getTime() / 1000)));
    const missing = await post('whatsapp', body);
    expect(missing.status).toBe(401);
    expect(missing.contentType).toBe('application/problem+json');
    expect((await post('whatsapp', body, signMetaBody(body, 'not-the-secret'))).status).toBe(401);
    // Signed over other bytes (one space added): the exact raw body is what counts.
    expect((await post('whatsapp', `${body} `, signMetaBody(body, WA_SECRET))).status).toBe(401);
    expect((await post('whatsapp', body, 'sha1=abc')).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
    expect((await admin.get(`/v1/tickets/${ticketIdOf(waChannelId, `wamid.unsigned.${from}`, at)}`)).status).toBe(404);
  });

  it('answers 200 to a body naming no configured channel, so Meta does not retry it', async () => {
    const body = whatsappText('972500000001', 'wamid.nobody', 'hi', 1697043223);
    body.entry[0].changes[0].value.metadata.phone_number_id = '999000999000';
    const res = await signed('whatsapp', body, 'whatever-secret');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ queued: 0, unrouted: 1 });
  });
});

describe('malformed bodies', () => {
  it('answers a clear 400 problem and the queue goes on', async () => {
    const notJson = await post('whatsapp', '{"object":"whatsapp_business_account","entry":[', signMetaBody('{"object":"whatsapp_business_account","entry":[', WA_SECRET));
    expect(notJson.status).toBe(400);
    expect(notJson.contentType).toBe('application/problem+json');
    expect(notJson.body.detail).toMatch(/not JSON/);
    const noEntry = await signed('whatsapp', { object: 'whatsapp_business_account', entry: 'nope' });
    expect(noEntry.status).toBe(400);
    const wrongProduct = await signed('instagram', { object: 'whatsapp_business_account', entry: [] });
    expect(wrongProduct.status).toBe(400);

    // A message missing its sender and id, next to a good one of the same contact: recorded, not blocking.
    const now = await runtimeNow();
    const from = uniqueContact();
    const body = whatsappText(from, `wamid.after-bad.${from}`, 'still here', Math.floor(now.getTime() / 1000));
    body.entry[0].changes[0].value.messages.unshift({ type: 'text', text: { body: 'no id, no sender' } } as never);
    expect((await signed('whatsapp', body)).status).toBe(200);
    const t = await ticket(ticketIdOf(waChannelId, `wamid.after-bad.${from}`, new Date(Math.floor(now.getTime() / 1000) * 1000)));
    expect(t.messages.map((m: Json) => m.body)).toEqual(['still here']);
  });
});

describe('every WhatsApp payload of the corpus through the Function URL', () => {
  const cases = corpusFiles('whatsapp');
  it.each(cases.map((c) => [c.file, c.text]))('%s', async (file, text) => {
    const original = JSON.parse(text) as Json;
    const from = uniqueContact();
    const body = retargetWhatsApp(original, { phoneNumberId: WA_PHONE_ID, from, suffix: file.replace(/\W/g, '') });
    const res = await signed('whatsapp', body);
    expect(res.status).toBe(200);
    const value = body.entry[0].changes[0].value;
    const message = value.messages?.[0];
    if (body.entry[0].changes[0].field !== 'messages' || !message) {
      // Statuses of messages we never sent, account, template, call and preference updates, echoes: recorded, acknowledged.
      expect(res.body.queued + res.body.unrouted).toBeGreaterThan(0);
      return;
    }
    const at = new Date(Number(message.timestamp) * 1000);
    const t = await ticket(ticketIdOf(waChannelId, message.id, at));
    expect(t.channel).toBe('whatsapp');
    expect(t.requester.phone).toBe(`+${from}`);
    if (value.contacts?.[0]?.profile?.name) expect(t.requester.name).toBe(value.contacts[0].profile.name);
    const m = t.messages[0];
    expect(m.createdAt).toBe(at.toISOString());
    expect(m.meta).toMatchObject({ messageId: message.id, type: message.type });
    expect(m.body.length).toBeGreaterThan(0);
    if (message.type === 'text') expect(m.body).toBe(message.text.body);
    const media = ['image', 'video', 'audio', 'document', 'sticker'].includes(message.type) ? message[message.type] : undefined;
    if (media) {
      expect(m.attachments).toHaveLength(1);
      expect(m.attachments[0]).toMatchObject({ contentType: media.mime_type.split(';')[0].trim(), size: Buffer.byteLength(`local media ${media.id}`) });
      // The same attachment records as API uploads and mail files: downloaded through the same route.
      const res = await fetch(`${runtime.httpUrl}/v1/tickets/${t.id}/attachments/${m.attachments[0].id}`, {
        headers: { authorization: `Bearer ${runtime.tokens.agent}` }, redirect: 'manual',
      });
      expect(res.status).toBe(302);
      const file = await fetch(res.headers.get('location')!);
      expect(Buffer.from(await file.arrayBuffer()).toString()).toBe(`local media ${media.id}`);
      if (media.caption) expect(m.body).toBe(media.caption);
    }
    if (message.type === 'unsupported') expect(m.meta.details.unsupported).toBeTruthy();
    if (message.type === 'location') expect(m.body).toContain(String(message.location.latitude));
    if (message.type === 'contacts') expect(m.body).toContain(message.contacts[0].name.formatted_name);
    if (message.type === 'interactive' && message.interactive[message.interactive.type]?.title) expect(m.body).toContain(message.interactive[message.interactive.type].title);
    if (message.type === 'button') expect(m.body).toBe(message.button.text);
    if (message.referral) expect(m.meta.details.referral).toMatchObject({ source_id: message.referral.source_id });
  });
});

describe('every Instagram payload of the corpus through the Function URL', () => {
  const cases = corpusFiles('instagram');
  it.each(cases.map((c) => [c.file, c.text]))('%s', async (file, text) => {
    const sender = `9${String(Date.now()).slice(-9)}${counter++}`;
    const raw = fillInstagram(text, IG_ACCOUNT, sender, `.${sender}`);
    const res = await signed('instagram', raw);
    expect(res.status).toBe(200);
    const body = JSON.parse(raw) as Json;
    const entry = body.entry[0];
    const item = (entry.messaging ?? entry.standby)[0];
    const message = item.message;
    if (!message || message.is_echo) {
      expect(res.body.queued).toBe(1); // a read of a message we never sent, an echo: recorded under the channel
      return;
    }
    const atText = item.timestamp;
    const at = /^\d+$/.test(String(atText)) ? new Date(Number(atText) * (Number(atText) < 1e11 ? 1000 : 1)) : new Date(String(atText).replace(/(\d{2})(\d{2})$/, '$1:$2'));
    const t = await ticket(ticketIdOf(igChannelId, message.mid, at));
    expect(t.channel).toBe('instagram');
    expect(t.requester.email).toContain('@instagram.invalid');
    const m = t.messages[0];
    expect(m.createdAt).toBe(at.toISOString());
    expect(m.meta.messageId).toBe(message.mid);
    if (message.text) expect(m.body).toBe(message.text);
    if (message.is_unsupported) expect(m.meta).toMatchObject({ type: 'unsupported', details: { unsupported: expect.any(String) } });
    for (const attachment of message.attachments ?? []) {
      const url = attachment.payload.url ?? attachment.payload.story_media_url;
      expect(m.attachments[0]).toMatchObject({ size: Buffer.byteLength(`local media ${url}`) });
      expect(m.meta.type).toBe(attachment.type);
    }
    if (message.reply_to) expect(m.meta.details.replyTo).toEqual(message.reply_to);
  });

  it('takes epoch-millisecond numbers as Meta really sends them, and the username from the Graph API', async () => {
    const sender = `8${String(Date.now()).slice(-9)}`;
    const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const body = { object: 'instagram', entry: [{ id: IG_ACCOUNT, time: at, messaging: [{ sender: { id: sender }, recipient: { id: IG_ACCOUNT }, timestamp: at, message: { mid: `mid.ms.${sender}`, text: 'numeric time' } }] }] };
    expect((await signed('instagram', body)).status).toBe(200);
    const t = await ticket(ticketIdOf(igChannelId, `mid.ms.${sender}`, new Date(at)));
    expect(t.messages[0].createdAt).toBe(new Date(at).toISOString());
    expect(t.requester.name).toMatch(/^@user_/);
  });
});

describe('one contact', { timeout: 3 * EVENT_WAIT_MS }, () => {
  it('has one effect per Meta message id, however often Meta delivers it', async () => {
    const now = Math.floor((await runtimeNow()).getTime() / 1000);
    const from = uniqueContact();
    const body = whatsappText(from, `wamid.replay.${from}`, 'once', now);
    for (let i = 0; i < 3; i++) expect((await signed('whatsapp', body)).status).toBe(200);
    await Promise.all([signed('whatsapp', body), signed('whatsapp', body)]);
    const t = await ticket(ticketIdOf(waChannelId, `wamid.replay.${from}`, new Date(now * 1000)));
    // One contact's deliveries are worked in order (FIFO per contact): once a later message of the
    // same contact is on the ticket, every copy before it has been handled.
    expect((await signed('whatsapp', whatsappText(from, `wamid.replay-marker.${from}`, 'marker', now + 1))).status).toBe(200);
    const again = await eventually(async () => {
      const res = (await admin.get(`/v1/tickets/${t.id}`)).body;
      expect(res.messages.map((m: Json) => m.body)).toContain('marker');
      return res;
    });
    expect(again.messages.map((m: Json) => m.body)).toEqual(['once', 'marker']);
    expect(again.messageCount).toBe(2);
  });

  it('puts a burst of 20 on one ticket in Meta\'s order, also when deliveries arrive reordered', async () => {
    const now = Math.floor((await runtimeNow()).getTime() / 1000);
    const from = uniqueContact();
    const ids = Array.from({ length: 20 }, (_, i) => `wamid.burst.${from}.${String(i).padStart(2, '0')}`);
    // The first lands alone (it opens the ticket); the rest come at once, in reverse.
    expect((await signed('whatsapp', whatsappText(from, ids[0], 'msg 00', now - 100))).status).toBe(200);
    const rest = ids.slice(1).map((id, i) => whatsappText(from, id, `msg ${String(i + 1).padStart(2, '0')}`, now - 100 + i + 1)).reverse();
    const answers = await Promise.all(rest.map((body) => signed('whatsapp', body)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const ticketId = ticketIdOf(waChannelId, ids[0], new Date((now - 100) * 1000));
    const t = await eventually(async () => {
      const res = await ticket(ticketId);
      expect(res.messages).toHaveLength(20);
      return res;
    });
    expect(t.messages.map((m: Json) => m.body)).toEqual(ids.map((_, i) => `msg ${String(i).padStart(2, '0')}`));
    const list = await admin.get(`/v1/tickets?requesterEmail=${encodeURIComponent(`wa.${from}@whatsapp.invalid`)}`);
    expect(list.body.items).toHaveLength(1);
  });

  it('opens a new ticket after the last one is resolved', async () => {
    const now = Math.floor((await runtimeNow()).getTime() / 1000);
    const from = uniqueContact();
    expect((await signed('whatsapp', whatsappText(from, `wamid.first.${from}`, 'first', now))).status).toBe(200);
    const first = await ticket(ticketIdOf(waChannelId, `wamid.first.${from}`, new Date(now * 1000)));
    const resolved = await agent.patch(`/v1/tickets/${first.id}`, { status: 'resolved', resolution: 'done' }, { 'if-match': `"${first.version}"` });
    expect(resolved.status).toBe(200);
    expect((await signed('whatsapp', whatsappText(from, `wamid.second.${from}`, 'second', now + 5))).status).toBe(200);
    const second = await ticket(ticketIdOf(waChannelId, `wamid.second.${from}`, new Date((now + 5) * 1000)));
    expect(second.id).not.toBe(first.id);
    expect(second.messages.map((m: Json) => m.body)).toEqual(['second']);
  });
});

describe('replies and the 24-hour window', { timeout: 3 * EVENT_WAIT_MS }, () => {
  it('sends free text inside the window, tracks its statuses forward only, and records a failure with Meta\'s error', async () => {
    const now = Math.floor((await runtimeNow()).getTime() / 1000);
    const from = uniqueContact();
    expect((await signed('whatsapp', whatsappText(from, `wamid.window.${from}`, 'help please', now - 60))).status).toBe(200);
    const t = await ticket(ticketIdOf(waChannelId, `wamid.window.${from}`, new Date((now - 60) * 1000)));
    const reply = await agent.post(`/v1/tickets/${t.id}/messages`, { body: 'On it!' });
    expect(reply.status).toBe(201);
    const send = await eventually(async () => {
      const sends = await agent.get(`/v1/dev/meta/sends?ticketId=${t.id}`);
      expect(sends.body.items).toHaveLength(1);
      return sends.body.items[0];
    }, EVENT_WAIT_MS);
    expect(send).toMatchObject({ kind: 'whatsapp', to: from, accountId: WA_PHONE_ID, request: { type: 'text', text: { body: 'On it!' } } });

    const statusBody = (status: string, ts: number, errors?: Json[]) => ({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: WA_PHONE_ID },
        statuses: [{ id: send.metaMessageId, status, timestamp: String(ts), recipient_id: from, ...(errors ? { errors } : {}) }],
      } }] }],
    });
    const delivery = async () => (await admin.get(`/v1/tickets/${t.id}`)).body.messages.find((m: Json) => m.id === reply.body.id).meta?.delivery;
    await eventually(async () => expect(await delivery()).toMatchObject({ status: 'accepted' }));
    expect((await signed('whatsapp', statusBody('read', now + 3))).status).toBe(200);
    await eventually(async () => expect(await delivery()).toMatchObject({ status: 'read' }));
    // Delivered and sent arrive late: the message stays read. The contact's updates are worked in
    // order (FIFO per contact), so once the contact's next message is on the ticket both were handled.
    expect((await signed('whatsapp', statusBody('delivered', now + 2))).status).toBe(200);
    expect((await signed('whatsapp', statusBody('sent', now + 1))).status).toBe(200);
    expect((await signed('whatsapp', whatsappText(from, `wamid.window-marker.${from}`, 'thanks', now + 3))).status).toBe(200);
    await eventually(async () => expect((await admin.get(`/v1/tickets/${t.id}`)).body.messages.map((m: Json) => m.body)).toContain('thanks'));
    expect(await delivery()).toMatchObject({ status: 'read' });
    const error = { code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'Receiver is incapable of receiving this message' } };
    expect((await signed('whatsapp', statusBody('failed', now + 4, [error]))).status).toBe(200);
    await eventually(async () => expect(await delivery()).toMatchObject({ status: 'failed', error: { code: 131026, title: 'Message undeliverable' } }));
  });

  it('refuses free text after the window with a 409 saying when it closed, and sends a template', async () => {
    const from = uniqueContact();
    const old = 1697043223; // October 2023
    expect((await signed('whatsapp', whatsappText(from, `wamid.old.${from}`, 'are you there?', old))).status).toBe(200);
    const t = await ticket(ticketIdOf(waChannelId, `wamid.old.${from}`, new Date(old * 1000)));
    const late = await agent.post(`/v1/tickets/${t.id}/messages`, { body: 'Sorry for the delay' });
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toBe('application/problem+json');
    const closedAt = new Date((old + 24 * 3600) * 1000).toISOString();
    expect(late.body).toMatchObject({ type: expect.stringContaining('messaging-window-closed'), windowClosedAt: closedAt });
    expect(late.body.detail).toContain(closedAt);
    // An internal note is not a message to the customer: always allowed.
    expect((await agent.post(`/v1/tickets/${t.id}/messages`, { body: 'customer went quiet', internal: true })).status).toBe(201);

    const template = await agent.post(`/v1/tickets/${t.id}/messages`, { template: { name: 'follow_up', language: 'en_US', parameters: ['Carla', 'TKT-1'] } });
    expect(template.status).toBe(201);
    const send = await eventually(async () => {
      const sends = await agent.get(`/v1/dev/meta/sends?ticketId=${t.id}`);
      expect(sends.body.items).toHaveLength(1);
      return sends.body.items[0];
    }, EVENT_WAIT_MS);
    expect(send.request).toMatchObject({
      type: 'template',
      template: { name: 'follow_up', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Carla' }, { type: 'text', text: 'TKT-1' }] }] },
    });
    const bad = await agent.post(`/v1/tickets/${t.id}/messages`, {});
    expect(bad.status).toBe(400);
  });

  it('sends on Instagram inside the window and refuses templates there', async () => {
    const now = Math.floor((await runtimeNow()).getTime() / 1000);
    const sender = `7${String(Date.now()).slice(-9)}`;
    const body = { object: 'instagram', entry: [{ id: IG_ACCOUNT, time: now * 1000, messaging: [{ sender: { id: sender }, recipient: { id: IG_ACCOUNT }, timestamp: now * 1000, message: { mid: `mid.reply.${sender}`, text: 'hi there' } }] }] };
    expect((await signed('instagram', body)).status).toBe(200);
    const t = await ticket(ticketIdOf(igChannelId, `mid.reply.${sender}`, new Date(now * 1000)));
    expect((await agent.post(`/v1/tickets/${t.id}/messages`, { body: 'Hello from support' })).status).toBe(201);
    const send = await eventually(async () => {
      const sends = await agent.get(`/v1/dev/meta/sends?ticketId=${t.id}`);
      expect(sends.body.items).toHaveLength(1);
      return sends.body.items[0];
    }, EVENT_WAIT_MS);
    expect(send).toMatchObject({ kind: 'instagram', to: sender, request: { recipient: { id: sender }, message: { text: 'Hello from support' } } });
    expect((await agent.post(`/v1/tickets/${t.id}/messages`, { template: { name: 'x', language: 'en' } })).status).toBe(422);
  });
});
