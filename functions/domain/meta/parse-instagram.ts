import type { MetaEvent, MetaMedia } from './meta-event';
import { type Json, arr, excerpt, metaTime, num, obj, str, unknownFields } from './read-json';

/**
 * Attachments whose payload URL is a web link or that carry no file (a link preview, a template):
 * words on the message, never downloaded. Every other kind's URL (image, video, audio, file, share,
 * ig_post, ig_reel, reel, story_mention, ig_story, and kinds newer than this code) is the file itself.
 */
const NOT_FILES = new Set(['fallback', 'template']);

const KNOWN_MESSAGE_KEYS = new Set(['mid', 'text', 'attachments', 'reply_to', 'quick_reply', 'referral', 'is_echo', 'is_deleted', 'is_unsupported']);

/** Messaging keys that are what an item is, not who or when. */
const ENVELOPE = new Set(['sender', 'recipient', 'timestamp']);

/**
 * Every event of an Instagram messaging webhook body (`object: instagram` or `page`, Meta's or
 * Chatwoot's shape): messages (text, attachments, story replies and mentions, reels, posts, shares,
 * quick replies, edits, deletions), postbacks, reactions, reads (a status of ours), and the rest as
 * `other`. Standby deliveries (another app holds the thread) are messages too, and so is a
 * messaging item delivered as a `changes[]` value (the App Dashboard's test sends). Timestamps may
 * be epoch s/ms or ISO text.
 */
export function parseInstagram(body: Json, receivedAt: Date): MetaEvent[] {
  const events: MetaEvent[] = [];
  for (const entryValue of arr(body.entry)) {
    const entry = obj(entryValue);
    const externalId = str(entry?.id);
    if (!entry || !externalId) continue;
    const entryAt = metaTime(entry.time) ?? receivedAt;
    for (const item of [...arr(entry.messaging), ...arr(entry.standby)].map(obj)) {
      if (item) events.push(eventOf(externalId, item, entryAt));
    }
    for (const change of arr(entry.changes).map(obj)) {
      if (!change) continue;
      const value = obj(change.value);
      const field = str(change.field) ?? 'changes';
      if (value && obj(value.sender) && Object.keys(value).some((key) => !ENVELOPE.has(key) && key !== 'event_type')) {
        events.push(eventOf(externalId, value, entryAt));
        continue;
      }
      // Comments, mentions, story insights...: not direct messages; recorded under the channel.
      events.push({ type: 'other', kind: 'instagram', externalId, entryId: externalId, field, contactId: str(obj(value?.from)?.id), at: entryAt.toISOString(), summary: excerpt(change) });
    }
  }
  return events;
}

/** What an attachment says in words, when it is not (only) a file: a link, a template's titles, a caption. */
function attachmentText(kind: string, payload: Json): string | undefined {
  if (kind === 'fallback') return [str(payload.title), str(payload.url)].filter(Boolean).join(' ') || undefined;
  if (kind === 'template') {
    const elements = [...arr(obj(payload.generic)?.elements), ...arr(obj(payload.product)?.elements), ...arr(payload.elements)].map(obj);
    const titles = elements.map((e) => [str(e?.title), str(e?.subtitle)].filter(Boolean).join(' - ')).filter(Boolean);
    return titles.length ? titles.join('\n') : str(payload.title) ?? str(payload.text);
  }
  return str(payload.title);
}

function eventOf(externalId: string, item: Json, entryAt: Date): MetaEvent {
  const at = (metaTime(item.timestamp) ?? entryAt).toISOString();
  const sender = str(obj(item.sender)?.id);
  const recipient = str(obj(item.recipient)?.id);
  const message = obj(item.message);
  const other = (field: string, contactId?: string): MetaEvent =>
    ({ type: 'other', kind: 'instagram', externalId, entryId: externalId, field, contactId, at, summary: excerpt(item) });

  // Our own sends come back as echoes (is_echo, or the account itself as the sender): not customer messages.
  if (message?.is_echo === true || (sender && sender === externalId && recipient !== externalId)) return other('message_echo', recipient);
  if (!sender) return other('messaging');
  const contact = { id: sender, username: str(obj(item.sender)?.username) };
  const base = { type: 'message' as const, kind: 'instagram' as const, externalId, contact, at };

  if (message) {
    const mid = str(message.mid);
    if (!mid) return other('message', sender);
    const details: Json = {};
    const media: MetaMedia[] = [];
    const words: string[] = [];
    let text = str(message.text) ?? '';
    let messageType = 'text';
    let unsupported: string | undefined;
    const replyTo = obj(message.reply_to);
    if (replyTo) {
      details.replyTo = replyTo;
      if (obj(replyTo.story)) messageType = 'story_reply';
    }
    if (obj(message.quick_reply)) details.quickReply = message.quick_reply;
    if (obj(message.referral)) details.referral = message.referral;
    // Fields newer than this code are kept as they came, not dropped.
    const extra = unknownFields(message, KNOWN_MESSAGE_KEYS);
    if (extra) details.extra = extra;
    const urls = new Set<string>();
    for (const attachment of arr(message.attachments).map(obj)) {
      if (!attachment) continue;
      const kind = str(attachment.type) ?? 'file';
      const payload = obj(attachment.payload) ?? {};
      const url = str(payload.url) ?? str(payload.story_media_url);
      // Since Nov 2025 a post share comes as `share` and `ig_post` naming the same URL: one file.
      if (url && !NOT_FILES.has(kind) && !urls.has(url)) {
        urls.add(url);
        media.push({ kind, url, ...(kind === 'file' && str(payload.title) ? { filename: str(payload.title) } : {}) });
      }
      if (!['image', 'video', 'audio', 'file'].includes(kind)) {
        details.attachments = [...((details.attachments as unknown[]) ?? []), attachment];
      }
      if (messageType === 'text') messageType = kind;
      const said = kind === 'file' ? undefined : attachmentText(kind, payload);
      if (said) words.push(said);
      else if (!url || NOT_FILES.has(kind)) words.push(`(${kind})`);
    }
    if (!text && words.length) text = [...new Set(words)].join('\n');
    if (message.is_deleted === true) {
      // The deletion names the deleted message's own mid: recorded as an event of its own on the ticket.
      return { ...base, metaMessageId: `deleted:${mid}`, messageType: 'deleted', text: '(the customer deleted a message)', media: [], details: { deletedMessageId: mid } };
    }
    if (message.is_unsupported === true) {
      messageType = 'unsupported';
      unsupported = 'Instagram says this message type is not supported';
      text ||= '(unsupported message)';
    }
    return { ...base, metaMessageId: mid, messageType, text, media, unsupported, details: Object.keys(details).length ? details : undefined };
  }
  const edit = obj(item.message_edit);
  if (edit && str(edit.mid)) {
    const mid = str(edit.mid)!;
    const count = num(edit.num_edit);
    return {
      ...base, metaMessageId: `edit:${mid}:${count ?? at}`, messageType: 'edit', text: `(edited) ${str(edit.text) ?? ''}`.trim(), media: [],
      details: { editedMessageId: mid, ...(count !== undefined ? { numEdit: count } : {}) },
    };
  }
  const postback = obj(item.postback);
  if (postback) {
    const mid = str(postback.mid) ?? `postback:${sender}:${at}:${str(postback.payload) ?? ''}`;
    return { ...base, metaMessageId: mid, messageType: 'postback', text: str(postback.title) ?? str(postback.payload) ?? '(postback)', media: [], details: { postback } };
  }
  const reaction = obj(item.reaction);
  if (reaction) {
    const emoji = str(reaction.emoji) ?? str(reaction.reaction);
    const action = str(reaction.action) ?? 'react';
    return {
      ...base, metaMessageId: `reaction:${str(reaction.mid) ?? ''}:${action}:${emoji ?? ''}:${at}`, messageType: 'reaction',
      text: action === 'unreact' || !emoji ? 'Removed a reaction' : `Reacted ${emoji}`, media: [], details: { reaction },
    };
  }
  const read = obj(item.read);
  if (read && str(read.mid)) return { type: 'status', kind: 'instagram', externalId, metaMessageId: str(read.mid)!, status: 'read', at, recipientId: sender };
  // referral (an ig.me link in an existing thread), optin, handovers, reads without a mid, policy notices: no customer words.
  return other(Object.keys(item).find((key) => !ENVELOPE.has(key)) ?? 'messaging', sender);
}
