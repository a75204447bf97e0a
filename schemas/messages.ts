import * as z from 'zod';
import { AttachmentIds } from './attachments';
import { TicketStatus } from './ticket-enums';
import { MessageView } from './tickets';

export const AddMessageBody = z
  .strictObject({
    body: z.string().trim().min(1).max(100_000),
    internal: z.boolean().default(false).describe('An internal note: never shown to customers.'),
    attachmentIds: AttachmentIds.optional(),
    status: TicketStatus.optional().describe('Staff: change the status in the same write (one transaction, one version)'),
    resolution: z.string().trim().min(1).max(10_000).optional().describe('With status "resolved"; defaults to the message body'),
  })
  .refine((body) => body.resolution === undefined || body.status === 'resolved', {
    message: 'resolution goes with status "resolved"',
    path: ['resolution'],
  })
  .meta({ id: 'AddMessageBody' });
export type AddMessageBody = z.infer<typeof AddMessageBody>;

export const MessageList = z
  .object({ items: z.array(MessageView), nextCursor: z.string().nullable() })
  .meta({ id: 'MessageList' });
