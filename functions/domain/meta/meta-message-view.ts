import type { MessageView } from '../../../schemas/tickets';
import type { Message } from '../tickets/message.entity';
import type { MetaAttachment } from './fetch-media';

/** The WhatsApp/Instagram part of a message view: its attachments (issue 12's shape) and Meta's facts. */
export function metaMessageView(message: Message): Pick<MessageView, 'attachments' | 'meta'> {
  if (!message.metaMessageId && !message.metaType && !message.deliveryStatus) return {};
  const attachments = (message.attachments as MetaAttachment[] | undefined)?.map((a) => ({
    id: a.id, filename: a.filename, contentType: a.contentType, size: a.size,
    ...(a.objectKey ? { objectKey: a.objectKey } : {}), ...(a.rejected ? { rejected: a.rejected } : {}),
  }));
  return {
    ...(attachments?.length ? { attachments } : {}),
    meta: {
      messageId: message.metaMessageId,
      type: message.metaType,
      ...(message.metaDetails ? { details: message.metaDetails as Record<string, unknown> } : {}),
      ...(message.deliveryStatus
        ? { delivery: { status: message.deliveryStatus, at: message.deliveryAt, ...(message.deliveryError ? { error: message.deliveryError } : {}) } }
        : {}),
    },
  };
}
