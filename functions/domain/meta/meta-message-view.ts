import type { MessageView } from '../../../schemas/tickets';
import type { Message } from '../tickets/message.entity';

/** The WhatsApp/Instagram part of a message view: Meta's id and type, what the type carried, and (outbound) delivery. */
export function metaMessageView(message: Message): Pick<MessageView, 'meta'> {
  if (!message.metaMessageId && !message.metaType && !message.deliveryStatus) return {};
  return {
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
