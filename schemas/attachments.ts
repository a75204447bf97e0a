import * as z from 'zod';
import { Cursor, Id, Limit } from './common';

/** A file name as a client may send it: no path, no control characters. */
export const AttachmentFilename = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[^/\\\u0000-\u001f\u007f]+$/, 'a file name without path separators or control characters');

/** `type/subtype`, no parameters: what the upload policy pins and the download serves. */
export const MediaType = z
  .string()
  .trim()
  .toLowerCase()
  .max(127)
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, 'a media type like image/png, without parameters');

export const CreateUploadBody = z
  .strictObject({
    filename: AttachmentFilename,
    contentType: MediaType,
    size: z.number().int().min(1).describe('Exact size in bytes; the upload policy accepts this size only.'),
  })
  .meta({ id: 'CreateUploadBody' });
export type CreateUploadBody = z.infer<typeof CreateUploadBody>;

export const UploadForm = z
  .object({
    url: z.string().describe('POST the file here as multipart/form-data: every field of `fields` first, then `file` last'),
    method: z.literal('POST'),
    fields: z.record(z.string(), z.string()),
    expiresAt: z.string().describe('The form is refused after this instant'),
  })
  .meta({ id: 'UploadForm' });

export const UploadSlotView = z
  .object({ attachmentId: z.string(), upload: UploadForm })
  .meta({ id: 'UploadSlot' });
export type UploadSlotView = z.infer<typeof UploadSlotView>;

export const AttachmentView = z
  .object({
    id: z.string(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    inline: z.boolean().optional().describe('Mail only: an image shown within the HTML body (`contentId` is its cid:)'),
    contentId: z.string().optional(),
  })
  .meta({ id: 'Attachment' });
export type AttachmentView = z.infer<typeof AttachmentView>;

/** Up to 10 distinct upload slots named when writing a message or opening a ticket. */
export const AttachmentIds = z
  .array(Id)
  .max(10)
  .refine((ids) => new Set(ids).size === ids.length, 'attachment ids must be distinct')
  .describe('Upload slots (POST …/attachments) whose files were uploaded: they become this message\'s attachments');

export const AttachmentParams = z.strictObject({ ticketId: Id, attachmentId: Id });

export const ListMessagesQuery = z
  .strictObject({
    limit: Limit,
    cursor: Cursor.optional(),
    order: z.enum(['asc', 'desc']).default('asc').describe('asc: oldest first (reading order); desc: newest first'),
  })
  .meta({ id: 'ListMessagesQuery' });
export type ListMessagesQuery = z.infer<typeof ListMessagesQuery>;
