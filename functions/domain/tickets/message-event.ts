import { EVENT_BODY_MAX_BYTES, type EventMessage } from '../../../schemas/events';
import type { AttachmentView } from '../../../schemas/attachments';
import type { Message } from './message.entity';

/**
 * The `data` of a `ticket.message.added` / `ticket.note.added` activity: the message itself
 * (body cut at 32 KB of UTF-8), so a console or webhook consumer needs no second read.
 */
export function messageEventData(message: Message, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const payload: EventMessage = {
    id: message.messageId,
    ...truncateUtf8(message.body, EVENT_BODY_MAX_BYTES),
    authorRole: message.authorRole,
    ...(message.authorName ? { authorName: message.authorName } : {}),
    attachments: downloadableAttachments(message).map(({ id, filename, contentType, size }) => ({ id, filename, contentType, size })),
  };
  return {
    messageId: message.messageId,
    ...(message.internal ? {} : { authorRole: message.authorRole }),
    ...extra,
    message: payload,
  };
}

/** The attachments of a message that can be downloaded (mail stored before attachments had ids has none). */
export function downloadableAttachments(message: Pick<Message, 'attachments'>): AttachmentView[] {
  const list = Array.isArray(message.attachments) ? (message.attachments as Partial<AttachmentView>[]) : [];
  return list.filter((a): a is AttachmentView => typeof a.id === 'string');
}

/** At most `max` bytes of `text`, never splitting a character. */
export function truncateUtf8(text: string, max: number): { body: string; truncated?: true } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return { body: text };
  let end = max;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--; // back off to the start of a character
  return { body: bytes.subarray(0, end).toString('utf8'), truncated: true };
}
