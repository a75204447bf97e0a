import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * A file on a ticket. Born `pending` as an upload slot (with a TTL: a slot never attached
 * disappears, its object by the bucket's lifecycle), it becomes `attached` in the transaction
 * that writes its message. One partition per attachment: no hot key, and a download reads it
 * with one GetItem. `ticketId` is `draft` for slots made before their ticket exists.
 */
export const attachmentEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'attachment', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        attachmentId: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true },
        state: { type: ['pending', 'attached'] as const, required: true },
        /** Who asked for the slot: only they may attach it. */
        uploaderId: { type: 'string', required: true },
        filename: { type: 'string', required: true },
        contentType: { type: 'string', required: true },
        size: { type: 'number', required: true },
        /** Where the bytes are: `uploads/…` while pending, `tickets/…` once attached. */
        objectKey: { type: 'string', required: true },
        messageId: { type: 'string' },
        /** Copied from its message: an internal note's file is never served to a customer. */
        internal: { type: 'boolean' },
        inline: { type: 'boolean' },
        contentId: { type: 'string' },
        /** Tickets that hold a copy of its message (merge, split): the file downloads from them too. */
        sharedWith: { type: 'set', items: 'string' },
        createdAt: { type: 'string', required: true },
        /** Epoch seconds: DynamoDB TTL removes slots never attached. Removed on attach. */
        ttl: { type: 'number' },
      },
      indexes: {
        byId: { pk: { field: 'pk', composite: ['orgId', 'attachmentId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

export type AttachmentEntity = ReturnType<typeof attachmentEntity>;
export type Attachment = EntityItem<AttachmentEntity>;
