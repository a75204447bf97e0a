import * as z from 'zod';
import { Id } from './common';
import { AttachmentIds } from './attachments';
import { TicketStatus } from './ticket-enums';
import { MessageView } from './tickets';

const TemplateParameter = z.union([
  z.string().max(1024),
  z.looseObject({ type: z.literal('text'), text: z.string().max(1024) }),
]);

/** A WhatsApp message template, the only thing that may be sent outside the 24-hour window. */
export const MessageTemplate = z
  .strictObject({
    name: z.string().trim().min(1).max(512),
    language: z.string().trim().min(2).max(15).describe('The template\'s language code, e.g. en_US'),
    parameters: z.array(TemplateParameter).max(100).default([]).describe('Body parameters {{1}}, {{2}}, ... in order'),
  })
  .meta({ id: 'MessageTemplate' });
export type MessageTemplate = z.infer<typeof MessageTemplate>;

export const AddMessageBody = z
  .strictObject({
    body: z.string().trim().min(1).max(100_000).optional().describe('The text; or send `cannedReplyId` instead'),
    cannedReplyId: Id.optional().describe('Staff: the canned reply to render for this ticket as the body'),
    template: MessageTemplate.optional().describe('WhatsApp tickets: send an approved template (also outside the 24-hour window) instead of a body'),
    internal: z.boolean().default(false).describe('An internal note: never shown to customers.'),
    attachmentIds: AttachmentIds.optional(),
    status: TicketStatus.optional().describe('Staff: change the status in the same write (one transaction, one version)'),
    resolution: z.string().trim().min(1).max(10_000).optional().describe('With status "resolved"; defaults to the message body'),
  })
  .refine((body) => body.resolution === undefined || body.status === 'resolved', {
    message: 'resolution goes with status "resolved"',
    path: ['resolution'],
  })
  .refine((body) => [body.body, body.cannedReplyId, body.template].filter((v) => v !== undefined).length === 1, {
    message: 'send one of body, cannedReplyId or template', path: ['body'],
  })
  .meta({ id: 'AddMessageBody' });
/** The request as sent (body or a canned reply). */
export type AddMessageRequest = z.infer<typeof AddMessageBody>;
/** A message to add, its text resolved. */
export type AddMessageBody = Omit<AddMessageRequest, 'body' | 'cannedReplyId'> & { body: string };

export const MessageList = z
  .object({ items: z.array(MessageView), nextCursor: z.string().nullable() })
  .meta({ id: 'MessageList' });
