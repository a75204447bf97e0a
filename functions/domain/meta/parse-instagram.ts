import type { MetaEvent, MetaMedia } from './meta-event';
import { type Json, arr, excerpt, metaTime, obj, str } from './read-json';

/**
 * Every event of an Instagram messaging webhook body (`object: instagram`, Meta's or Chatwoot's
 * shape): messages (text, attachments, story replies and mentions, reels, shares, quick replies),
 * postbacks, reactions, reads (a status of ours), and the rest as `other`. Standby deliveries
 * (another app holds the thread) are messages too. Timestamps may be epoch s/ms or ISO text.
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
      if (change) events.push({ type: 'other', kind: 'instagram', externalId, entryId: externalId, field: str(change.field) ?? 'changes', at: entryAt.toISOString(), summary: excerpt(change) });
    }
  }
  return events;
}

function eventOf(externalId: string, item: Json, entryAt: Date): MetaEvent {
  const at = (metaTime(item.timestamp) ?? entryAt).toISOString();
  const sender = str(obj(item.sender)?.id);
  const recipient = str(obj(item.recipient)?.id);
  const message = obj(item.message);
  const other = (field: string, contactId?: string): MetaEvent =>
    ({ type: 'other', kind: 'instagram', externalId, entryId: externalId, field, contactId, at, summary: excerpt(item) });

  if (message?.is_echo === true) return other('message_echo', recipient);
  if (!sender) return other('messaging');
  const contact = { id: sender, username: str(obj(item.sender)?.username) };
  const base = { type: 'message' as const, kind: 'instagram' as const, externalId, contact, at };

  if (message) {
    const mid = str(message.mid);
    if (!mid) return other('message', sender);
    const details: Json = {};
    const media: MetaMedia[] = [];
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
    for (const attachment of arr(message.attachments).map(obj)) {
      if (!attachment) continue;
      const kind = str(attachment.type) ?? 'file';
      const payload = obj(attachment.payload) ?? {};
      const url = str(payload.url) ?? str(payload.story_media_url);
      if (url) media.push({ kind, url, filename: str(payload.title) });
      if (kind !== 'image' && kind !== 'video' && kind !== 'audio' && kind !== 'file') {
        details.attachments = [...((details.attachments as unknown[]) ?? []), attachment];
      }
      if (messageType === 'text') messageType = media.length || url ? kind : messageType;
      if (!url) text ||= `(${kind})`;
    }
    if (message.is_deleted === true) {
      messageType = 'deleted';
      text = '(the customer deleted a message)';
    }
    if (message.is_unsupported === true) {
      messageType = 'unsupported';
      unsupported = 'Instagram says this message type is not supported';
      text ||= '(unsupported message)';
    }
    return { ...base, metaMessageId: mid, messageType, text, media, unsupported, details: Object.keys(details).length ? details : undefined };
  }
  const postback = obj(item.postback);
  if (postback) {
    const mid = str(postback.mid) ?? `postback:${sender}:${at}:${str(postback.payload) ?? ''}`;
    return { ...base, metaMessageId: mid, messageType: 'postback', text: str(postback.title) ?? str(postback.payload) ?? '(postback)', media: [], details: { postback } };
  }
  const reaction = obj(item.reaction);
  if (reaction) {
    const emoji = str(reaction.emoji);
    const action = str(reaction.action) ?? 'react';
    return {
      ...base, metaMessageId: `reaction:${str(reaction.mid) ?? ''}:${action}:${emoji ?? ''}:${at}`, messageType: 'reaction',
      text: action === 'unreact' || !emoji ? 'Removed a reaction' : `Reacted ${emoji}`, media: [], details: { reaction },
    };
  }
  const read = obj(item.read);
  if (read && str(read.mid)) return { type: 'status', kind: 'instagram', externalId, metaMessageId: str(read.mid)!, status: 'read', at, recipientId: sender };
  return other(Object.keys(item).find((key) => !['sender', 'recipient', 'timestamp'].includes(key)) ?? 'messaging', sender);
}
