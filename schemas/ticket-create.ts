import { isValidPhoneNumber } from 'libphonenumber-js';
import * as z from 'zod';
import { AttachmentIds } from './attachments';
import { Id } from './common';
import { CustomFields, Tags, TicketPriority, TicketType } from './ticket-enums';

// The requester (with its validated phone) and the create body, apart from the other ticket
// schemas: libphonenumber-js's metadata is 125 KB of a bundle, so only the route groups that
// take a requester (creating a ticket, chat and intake) import this module.

export const Phone = z
  .string()
  .max(32)
  .refine((phone) => isValidPhoneNumber(phone), 'not a valid international phone number (E.164, e.g. +4915112345678)');

export const Requester = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.email().max(254),
    phone: Phone.optional(),
  })
  .meta({ id: 'Requester' });
export type Requester = z.infer<typeof Requester>;

export const CreateTicketBody = z
  .strictObject({
    subject: z.string().trim().min(1).max(250),
    description: z.string().trim().min(1).max(50_000),
    priority: TicketPriority.default('medium'),
    category: z.string().trim().min(1).max(100).optional().describe('A category id (GET /v1/categories)'),
    type: TicketType.optional(),
    departmentId: Id.optional().describe('Staff only: the department; routing then picks an agent within it'),
    tags: Tags.default([]),
    customFields: CustomFields.default({}),
    requester: Requester.optional().describe('Required when staff create on behalf of a customer; customers always file for themselves.'),
    assigneeId: Id.optional(),
    attachmentIds: AttachmentIds.optional().describe('Draft upload slots (POST /v1/attachments): they become the first message\'s attachments'),
  })
  .meta({ id: 'CreateTicketBody' });
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;
