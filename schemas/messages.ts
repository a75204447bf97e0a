import * as z from 'zod';
import { Id } from './common';
import { AttachmentIds } from './attachments';
import { TicketStatus } from './ticket-enums';
import { MessageView } from './tickets';

export const AddMessageBody = z
  .strictObject({
    body: z.string().trim().min(1).max(100_000).optional().describe('The text; or send `cannedReplyId` instead'),
    cannedReplyId: Id.optional().describe('Staff: the canned reply to render for this ticket as the body'),
    internal: z.boolean().default(false).describe('An internal note: never shown to customers.'),
    attachmentIds: AttachmentIds.optional(),
    status: TicketStatus.optional().describe('Staff: change the status in the same write (one transaction, one version)'),
    resolution: z.string().trim().min(1).max(10_000).optional().describe('With status "resolved"; defaults to the message body'),
  })
  .refine((body) => body.resolution === undefined || body.status === 'resolved', {
    message: 'resolution goes with status "resolved"',
    path: ['resolution'],
  })
  .refine((body) => (body.body === undefined) !== (body.cannedReplyId === undefined), {
    message: 'send either body or cannedReplyId', path: ['body'],
  })
  .meta({ id: 'AddMessageBody' });
/** The request as sent (body or a canned reply). */
export type AddMessageRequest = z.infer<typeof AddMessageBody>;
/** A message to add, its text resolved. */
export type AddMessageBody = Omit<AddMessageRequest, 'body' | 'cannedReplyId'> & { body: string };

export const MessageList = z
  .object({ items: z.array(MessageView), nextCursor: z.string().nullable() })
  .meta({ id: 'MessageList' });
