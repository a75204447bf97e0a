import * as z from 'zod';
import { Id } from './common';
import { TicketStatus } from './ticket-enums';

/** At most this many custom statuses per organization (the whole set is read at once, and cached). */
export const MAX_CUSTOM_STATUSES = 100;

export const CustomStatusInput = z
  .strictObject({
    name: z.string().trim().min(1).max(80).describe('What staff see, e.g. "Waiting on vendor"'),
    category: TicketStatus.describe('The fixed status it stands for: transitions, SLA pauses and lists use it'),
    customerLabel: z.string().trim().min(1).max(80).optional().describe('What customers see instead of the name (default: the category\'s label)'),
    active: z.boolean().default(true).describe('Inactive statuses stay on the tickets that carry them but can no longer be set'),
  })
  .meta({ id: 'CustomStatusInput' });
export type CustomStatusInput = z.infer<typeof CustomStatusInput>;

export const CustomStatusPatch = z
  .strictObject({
    name: z.string().trim().min(1).max(80).optional(),
    customerLabel: z.string().trim().min(1).max(80).nullable().optional().describe('null: customers see the category\'s label'),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'at least one field to change')
  .describe('The category is fixed: tickets carrying the status are in it')
  .meta({ id: 'CustomStatusPatch' });
export type CustomStatusPatch = z.infer<typeof CustomStatusPatch>;

export const CustomStatusView = z
  .object({
    id: z.string(),
    name: z.string(),
    category: TicketStatus,
    customerLabel: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CustomStatus' });
export type CustomStatusView = z.infer<typeof CustomStatusView>;

export const CustomStatusList = z.object({ items: z.array(CustomStatusView) }).meta({ id: 'CustomStatusList' });
export const CustomStatusIdParams = z.strictObject({ statusId: Id });
