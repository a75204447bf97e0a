import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { MetaError, MetaEvent, MetaMedia } from './meta-event';
import { type Json, arr, excerpt, metaTime, num, obj, str } from './read-json';

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'voice', 'document', 'sticker']);

/** A wa_id (digits, no plus) as E.164; the digits with a plus when libphonenumber cannot place them. */
export function e164Of(waId: string): string | undefined {
  const digits = waId.replace(/\D/g, '');
  if (!digits) return undefined;
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  return parsed?.number ?? `+${digits}`;
}

/**
 * Every event of a WhatsApp Cloud API webhook body (`whatsapp_business_account`): messages of
 * every type, statuses, and the rest (account, template, call, preference updates, echoes) as
 * `other`. Defensive: a part that is not what it should be becomes an `other` record, not an error.
 */
export function parseWhatsApp(body: Json, receivedAt: Date): MetaEvent[] {
  const events: MetaEvent[] = [];
  for (const entryValue of arr(body.entry)) {
    const entry = obj(entryValue);
    if (!entry) continue;
    const entryId = str(entry.id);
    for (const changeValue of arr(entry.changes)) {
      const change = obj(changeValue);
      const value = obj(change?.value);
      const field = str(change?.field) ?? 'unknown';
      if (!value) continue;
      const externalId = str(obj(value.metadata)?.phone_number_id);
      const fallbackAt = receivedAt.toISOString();
      if (!externalId) {
        events.push({ type: 'other', kind: 'whatsapp', entryId, field, at: fallbackAt, summary: excerpt(value) });
        continue;
      }
      const names = new Map<string, string>();
      for (const contact of arr(value.contacts).map(obj)) {
        const id = str(contact?.wa_id);
        const name = str(obj(contact?.profile)?.name);
        if (id && name) names.set(id, name);
      }
      const rest: Json = { ...value };
      if (field === 'messages') {
        for (const message of arr(value.messages).map(obj)) {
          if (message) events.push(messageEvent(externalId, message, names, receivedAt) ?? otherOf(externalId, entryId, field, message, fallbackAt));
        }
        for (const status of arr(value.statuses).map(obj)) {
          if (status) events.push(statusEvent(externalId, status, receivedAt) ?? otherOf(externalId, entryId, field, status, fallbackAt));
        }
        delete rest.messages;
        delete rest.statuses;
        delete rest.contacts;
        delete rest.metadata;
        delete rest.messaging_product;
        if (Object.keys(rest).length === 0) continue;
      }
      events.push(otherOf(externalId, entryId, field, value, fallbackAt, str(arr(value.contacts).map(obj)[0]?.wa_id)));
    }
  }
  return events;
}

function otherOf(externalId: string, entryId: string | undefined, field: string, value: Json, at: string, contactId?: string): MetaEvent {
  return { type: 'other', kind: 'whatsapp', externalId, entryId, field, contactId, at, summary: excerpt(value) };
}

function messageEvent(externalId: string, message: Json, names: Map<string, string>, receivedAt: Date): MetaEvent | undefined {
  const from = str(message.from);
  const metaMessageId = str(message.id);
  if (!from || !metaMessageId) return undefined;
  const type = str(message.type) ?? 'unknown';
  const at = (metaTime(message.timestamp) ?? receivedAt).toISOString();
  const content = obj(message[type]);
  const details: Json = {};
  const context = obj(message.context);
  if (context) details.context = context;
  if (obj(message.referral)) details.referral = message.referral;
  if (arr(message.errors).length) details.errors = message.errors;
  let text = '';
  const media: MetaMedia[] = [];
  let unsupported: string | undefined;

  if (type === 'text') text = str(obj(message.text)?.body) ?? '';
  else if (MEDIA_TYPES.has(type) && content) {
    media.push({
      kind: type === 'audio' && content.voice === true ? 'voice' : type,
      mediaId: str(content.id),
      url: str(content.url),
      mimeType: str(content.mime_type),
      filename: str(content.filename),
    });
    text = str(content.caption) ?? '';
    if (type === 'sticker' && content.animated !== undefined) details.animated = content.animated === true;
  } else if (type === 'location' && content) {
    const place = [str(content.name), str(content.address)].filter(Boolean).join(', ');
    text = `Location: ${place ? `${place} ` : ''}(${num(content.latitude) ?? '?'}, ${num(content.longitude) ?? '?'})`;
    details.location = content;
  } else if (type === 'contacts') {
    const cards = arr(message.contacts).map(obj).filter((c): c is Json => !!c);
    text = cards.map((card) => {
      const name = str(obj(card.name)?.formatted_name) ?? str(obj(card.name)?.first_name) ?? 'contact';
      const phones = arr(card.phones).map((p) => str(obj(p)?.phone)).filter(Boolean);
      return `Contact: ${name}${phones.length ? ` ${phones.join(', ')}` : ''}`;
    }).join('\n');
    details.contacts = cards;
  } else if (type === 'interactive' && content) {
    const kind = str(content.type) ?? 'interactive';
    const reply = obj(content[kind]);
    text = str(reply?.title) ?? str(reply?.body) ?? str(reply?.response) ?? `(${kind})`;
    if (str(reply?.description)) text += ` (${str(reply?.description)})`;
    details.interactive = content;
  } else if (type === 'button' && content) {
    text = str(content.text) ?? str(content.payload) ?? '(button)';
    details.button = content;
  } else if (type === 'reaction' && content) {
    const emoji = str(content.emoji);
    text = emoji ? `Reacted ${emoji}` : 'Removed a reaction';
    details.reaction = content;
  } else if (type === 'order' && content) {
    const items = arr(content.product_items).map(obj);
    text = `Order of ${items.length} item(s)${str(content.text) ? `: ${str(content.text)}` : ''}`;
    details.order = content;
  } else if (type === 'revoke') {
    text = 'The customer deleted a message';
    if (content) details.revoke = content;
  } else if (type === 'request_welcome') {
    text = 'The customer opened the chat';
  } else if (type === 'system' && content) {
    text = str(content.body) ?? '(system message)';
    details.system = content;
  } else {
    const error = obj(arr(message.errors)[0]);
    unsupported = str(obj(error?.error_data)?.details) ?? str(error?.title) ?? `message type ${type} is not supported`;
    text = `(unsupported ${type} message)`;
    if (content) details[type] = content;
  }
  return {
    type: 'message', kind: 'whatsapp', externalId, metaMessageId, at, messageType: type, text, media, unsupported,
    contact: { id: from, phone: e164Of(from), name: names.get(from) },
    details: Object.keys(details).length ? details : undefined,
  };
}

function statusEvent(externalId: string, status: Json, receivedAt: Date): MetaEvent | undefined {
  const metaMessageId = str(status.id);
  const value = str(status.status);
  if (!metaMessageId || !value) return undefined;
  return {
    type: 'status', kind: 'whatsapp', externalId, metaMessageId, status: value.toLowerCase(),
    at: (metaTime(status.timestamp) ?? receivedAt).toISOString(),
    recipientId: str(status.recipient_id),
    errors: arr(status.errors).map(obj).filter((e): e is Json => !!e).map(errorOf),
    callbackData: str(status.biz_opaque_callback_data),
  };
}

export function errorOf(error: Json): MetaError {
  return { code: num(error.code), title: str(error.title), message: str(error.message), details: str(obj(error.error_data)?.details) };
}
