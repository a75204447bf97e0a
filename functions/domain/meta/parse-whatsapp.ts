import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { MetaContactInfo, MetaError, MetaEvent, MetaMedia } from './meta-event';
import { type Json, arr, excerpt, metaTime, num, obj, str, unknownFields } from './read-json';

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
      const contacts = arr(value.contacts).map(obj).filter((c): c is Json => !!c);
      const rest: Json = { ...value };
      if (field === 'messages') {
        for (const message of arr(value.messages).map(obj)) {
          if (message) events.push(messageEvent(externalId, message, contacts, receivedAt) ?? otherOf(externalId, entryId, field, message, fallbackAt));
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
      events.push(otherOf(externalId, entryId, field, value, fallbackAt, str(contacts[0]?.wa_id) ?? str(contacts[0]?.user_id)));
    }
  }
  return events;
}

function otherOf(externalId: string, entryId: string | undefined, field: string, value: Json, at: string, contactId?: string): MetaEvent {
  return { type: 'other', kind: 'whatsapp', externalId, entryId, field, contactId, at, summary: excerpt(value) };
}

/** A wa_id is a phone number's digits; a business-scoped user id (BSUID, `US.13491208655302741918`) is not. */
const isWaId = (id: string | undefined): id is string => !!id && /^\d{6,20}$/.test(id);

/**
 * Who wrote: `from` (the wa_id) when Meta shares the number, else the business-scoped user id
 * (`from_user_id`, users with a username may withhold their number), else the one contact card.
 */
function senderOf(message: Json, contacts: Json[]): { contact: MetaContactInfo; userId?: string; parentUserId?: string } | undefined {
  const from = str(message.from);
  const fromUserId = str(message.from_user_id);
  const card = contacts.find((c) => (from && (str(c.wa_id) === from || str(c.user_id) === from)) || (fromUserId && str(c.user_id) === fromUserId))
    ?? (!from && contacts.length === 1 ? contacts[0] : undefined);
  const id = from ?? fromUserId ?? str(card?.wa_id) ?? str(card?.user_id);
  if (!id) return undefined;
  const waId = isWaId(from) ? from : isWaId(str(card?.wa_id)) ? str(card?.wa_id) : undefined;
  const profile = obj(card?.profile);
  return {
    contact: { id, phone: waId ? e164Of(waId) : undefined, name: str(profile?.name), username: str(profile?.username) },
    userId: fromUserId ?? str(card?.user_id),
    parentUserId: str(message.from_parent_user_id) ?? str(card?.parent_user_id),
  };
}

/** One shared contact card as a line: name, phones, emails, organization. */
function contactCardLine(card: Json): string {
  const name = obj(card.name);
  const fullName = str(name?.formatted_name) ?? ([str(name?.first_name), str(name?.last_name)].filter(Boolean).join(' ') || 'contact');
  const phones = arr(card.phones).map((p) => str(obj(p)?.phone) ?? str(obj(p)?.wa_id)).filter(Boolean);
  const emails = arr(card.emails).map((e) => str(obj(e)?.email)).filter(Boolean);
  const org = obj(card.org);
  const company = [str(org?.company), str(org?.title)].filter(Boolean).join(', ');
  return `Contact: ${[fullName, phones.join(', '), emails.join(', '), company ? `(${company})` : ''].filter(Boolean).join(' ')}`;
}

/** A WhatsApp Flow's answer (`nfm_reply`): its `response_json` fields as `key: value` lines, the flow token left out. */
function flowReplyText(reply: Json | undefined): string {
  let fields: Json | undefined;
  try {
    fields = obj(JSON.parse(str(reply?.response_json) ?? 'null'));
  } catch {
    fields = undefined;
  }
  const lines = Object.entries(fields ?? {}).filter(([key]) => key !== 'flow_token')
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const head = str(reply?.name) === 'address_message' ? 'Address' : str(reply?.body) ?? 'Form sent';
  return [head, ...lines].join('\n');
}

/** Any text a message of a type we do not know may carry, so the agent still sees something. */
function anyTextOf(content: Json | undefined): string | undefined {
  return str(content?.body) ?? str(content?.text) ?? str(content?.caption) ?? str(content?.title);
}

function messageEvent(externalId: string, message: Json, contacts: Json[], receivedAt: Date): MetaEvent | undefined {
  const sender = senderOf(message, contacts);
  const metaMessageId = str(message.id);
  if (!sender || !metaMessageId) return undefined;
  const type = str(message.type) ?? 'unknown';
  const at = (metaTime(message.timestamp) ?? receivedAt).toISOString();
  const content = obj(message[type]);
  const details: Json = {};
  const context = obj(message.context);
  if (context) details.context = context;
  const referral = obj(message.referral);
  if (referral) details.referral = referral;
  if (obj(message.identity)) details.identity = message.identity;
  if (arr(message.errors).length) details.errors = message.errors;
  if (sender.userId && sender.userId !== sender.contact.id) details.userId = sender.userId;
  if (sender.parentUserId) details.parentUserId = sender.parentUserId;
  // Fields newer than this code (a group id, say) are kept as they came, not dropped.
  const known = new Set(['from', 'from_user_id', 'from_parent_user_id', 'id', 'timestamp', 'type', type, 'context', 'referral', 'identity', 'errors']);
  if (type === 'contacts') known.add('contacts');
  const extra = unknownFields(message, known);
  if (extra) details.extra = extra;
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
    text = `Location: ${place ? `${place} ` : ''}(${num(content.latitude) ?? '?'}, ${num(content.longitude) ?? '?'})${str(content.url) ? ` ${str(content.url)}` : ''}`;
    details.location = content;
  } else if (type === 'contacts') {
    const cards = arr(message.contacts).map(obj).filter((c): c is Json => !!c);
    text = cards.map(contactCardLine).join('\n') || '(contacts)';
    details.contacts = cards;
  } else if (type === 'interactive' && content) {
    const kind = str(content.type) ?? 'interactive';
    const reply = obj(content[kind]);
    if (kind === 'nfm_reply') text = flowReplyText(reply);
    else {
      text = str(reply?.title) ?? str(reply?.body) ?? str(reply?.response) ?? `(${kind})`;
      if (str(reply?.description)) text += ` (${str(reply?.description)})`;
    }
    details.interactive = content;
  } else if (type === 'button' && content) {
    text = str(content.text) ?? str(content.payload) ?? '(button)';
    details.button = content;
  } else if (type === 'reaction' && content) {
    const emoji = str(content.emoji);
    text = emoji ? `Reacted ${emoji}` : 'Removed a reaction';
    details.reaction = content;
  } else if (type === 'order' && content) {
    const items = arr(content.product_items).map(obj).filter((i): i is Json => !!i);
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
    // `unsupported`/`unknown` (Meta cannot show it, errors[] says why) and types newer than this code.
    const error = obj(arr(message.errors)[0]);
    const innerType = type === 'unsupported' ? str(content?.type) : undefined;
    unsupported = str(obj(error?.error_data)?.details) ?? str(error?.message) ?? str(error?.title) ?? `message type ${type} is not supported`;
    text = anyTextOf(content) ?? `(unsupported ${innerType ? `${innerType} ` : ''}${type === 'unsupported' ? '' : `${type} `}message)`.replace(/\s+\)/, ')');
    if (message[type] !== undefined) details[type] = message[type];
  }
  if (!text && referral) text = [str(referral.headline), str(referral.body)].filter(Boolean).join(': ') || '(ad referral)';
  return {
    type: 'message', kind: 'whatsapp', externalId, metaMessageId, at, messageType: type, text, media, unsupported,
    contact: sender.contact,
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
    recipientId: str(status.recipient_id) ?? str(status.recipient_user_id),
    errors: arr(status.errors).map(obj).filter((e): e is Json => !!e).map(errorOf),
    callbackData: str(status.biz_opaque_callback_data),
  };
}

export function errorOf(error: Json): MetaError {
  return { code: num(error.code), title: str(error.title), message: str(error.message), details: str(obj(error.error_data)?.details) };
}
