import type { MetaChannelKind } from '../ports/graph-api';

export type { MetaChannelKind };

/** The customer a message is from: WhatsApp by wa_id (phone digits), Instagram by scoped id. */
export interface MetaContactInfo {
  id: string;
  name?: string;
  /** E.164, WhatsApp only. */
  phone?: string;
  username?: string;
}

/** A file a message carries: a WhatsApp media id, or a URL (Instagram, WhatsApp with `url`). */
export interface MetaMedia {
  mediaId?: string;
  url?: string;
  mimeType?: string;
  filename?: string;
  /** image, video, audio, voice, document, sticker, file, share, ig_reel, story_mention... */
  kind: string;
}

/**
 * One thing a webhook delivery says, in our words, whatever product it came from: a customer
 * message, the status of one of ours, or anything else (recorded, never dropped).
 */
export type MetaEvent =
  | {
      type: 'message';
      kind: MetaChannelKind;
      externalId: string;
      contact: MetaContactInfo;
      metaMessageId: string;
      /** Meta's own time of the message (ISO). */
      at: string;
      /** Meta's message type (text, image, interactive, reaction, story_reply, postback...). */
      messageType: string;
      text: string;
      media: MetaMedia[];
      details?: Record<string, unknown>;
      /** Set when we cannot show what it is: recorded on the ticket as such. */
      unsupported?: string;
    }
  | {
      type: 'status';
      kind: MetaChannelKind;
      externalId: string;
      metaMessageId: string;
      status: string;
      at: string;
      recipientId?: string;
      errors?: MetaError[];
      /** WhatsApp echoes the `biz_opaque_callback_data` of our send: `<ticketId>:<messageId>`. */
      callbackData?: string;
    }
  | {
      type: 'other';
      kind: MetaChannelKind;
      /** Absent when the change names no channel (e.g. a WhatsApp account update names only the business account). */
      externalId?: string;
      /** The business account or page the entry was for. */
      entryId?: string;
      field: string;
      contactId?: string;
      at: string;
      summary: string;
    };

export interface MetaError {
  code?: number;
  title?: string;
  message?: string;
  details?: string;
}

/** Work for the inbound queue: one event and the channel it belongs to. */
export interface MetaQueueItem {
  orgId: string;
  channelId: string;
  receivedAt: string;
  event: MetaEvent;
}
