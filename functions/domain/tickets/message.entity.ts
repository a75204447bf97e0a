import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';
import { compressedText } from '../store/compressed-text';

/** A public reply or an internal note. Ids are ULIDs, so the thread sorts by time. */
export const messageEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'message', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true, readOnly: true },
        messageId: { type: 'string', required: true, readOnly: true },
        body: { ...compressedText(), required: true },
        internal: { type: 'boolean', required: true },
        authorId: { type: 'string', required: true },
        authorRole: { type: 'string', required: true },
        authorName: { type: 'string' },
        channel: { type: 'string', required: true },
        createdAt: { type: 'string', required: true },
        /** Mail channel: the raw MIME's object-store key, the mail's Message-ID and stored attachments. */
        rawObjectKey: { type: 'string' },
        mailMessageId: { type: 'string' },
        /** Downloadable files `[{ id, filename, contentType, size, inline?, contentId? }]` (mail stored earlier: its own shape). */
        attachments: { type: 'any' },
        /** Mail files that were not stored, with the reason (executable, too large). */
        rejectedAttachments: { type: 'any' },
        /** Mail only: sanitized HTML whose cid: images point at the download route. */
        html: compressedText(),
        /** WhatsApp/Instagram: Meta's message id and type, what the type carried besides text, and (outbound) delivery. */
        metaMessageId: { type: 'string' },
        metaType: { type: 'string' },
        metaDetails: { type: 'any' },
        deliveryStatus: { type: 'string' },
        /** sent 1 < delivered 2 < read 3; failed 4: a status only moves forward, whatever order Meta's arrive in. */
        deliveryRank: { type: 'number' },
        deliveryAt: { type: 'string' },
        deliveryError: { type: 'any' },
        /** A copy made by a merge or split: the ticket it was first written on (its id is the original's). */
        copiedFromTicketId: { type: 'string' },
      },
      indexes: {
        byTicket: {
          collection: 'thread',
          pk: { field: 'pk', composite: ['orgId', 'ticketId'] },
          sk: { field: 'sk', composite: ['messageId'] },
        },
      },
    },
    config,
  );

export type MessageEntity = ReturnType<typeof messageEntity>;
export type Message = EntityItem<MessageEntity>;
