import * as z from 'zod';
import { Id, IsoInstant } from './common';
import { Requester } from './ticket-create';
import { TicketPriority } from './ticket-enums';

export const TranscriptEntry = z
  .strictObject({
    role: z.enum(['customer', 'agent', 'bot']),
    at: IsoInstant,
    text: z.string().max(20_000),
    attachmentIds: z.array(Id).max(20).optional(),
  })
  .meta({ id: 'TranscriptEntry' });
export type TranscriptEntry = z.infer<typeof TranscriptEntry>;

export const CreateTicketFromChatBody = z
  .strictObject({
    chatId: z.string().trim().min(1).max(128).regex(/^[\w.:-]+$/, 'letters, digits and _ . : - only'),
    transcript: z.array(TranscriptEntry).min(1).max(1000),
    requester: Requester,
    subject: z.string().trim().min(1).max(250).optional().describe('Default: the chat\'s first customer line'),
    priority: TicketPriority.default('medium'),
    category: z.string().trim().min(1).max(100).optional(),
  })
  .meta({ id: 'CreateTicketFromChatBody' });
export type CreateTicketFromChatBody = z.infer<typeof CreateTicketFromChatBody>;
