import * as z from 'zod';

// The ticket vocabulary (statuses, priorities, tags, types, custom fields, bulk limits) shared by
// tickets, SLA policies, automations and events, apart from the request schemas of tickets.ts and
// their phone validation, so a function that only reads events carries no phone metadata.

/** Statuses and priorities: one definition for tickets, SLA policies and events. */
export const TicketStatus = z
  .enum(['new', 'open', 'in_progress', 'waiting_on_customer', 'waiting_on_third_party', 'resolved', 'closed', 'cancelled'])
  .meta({ id: 'TicketStatus' });
export type TicketStatus = z.infer<typeof TicketStatus>;

export const TicketPriority = z.enum(['low', 'medium', 'high', 'urgent', 'critical']).meta({ id: 'TicketPriority' });
export type TicketPriority = z.infer<typeof TicketPriority>;

/** How two tickets relate. `parent`/`child` mirror each other; `related` and `duplicate` read the same both ways. */
export const LinkKind = z.enum(['related', 'duplicate', 'parent', 'child']).meta({ id: 'LinkKind' });
export type LinkKind = z.infer<typeof LinkKind>;

export const Tag = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.:/-]*$/u, 'letters, digits and _ . : / - only, starting with a letter or digit');
export const Tags = z.array(Tag).max(20);

export const TicketType = z.enum(['question', 'incident', 'problem', 'task']).meta({ id: 'TicketType' });
export type TicketType = z.infer<typeof TicketType>;

export const CustomFields = z
  .record(
    z.string().min(1).max(64).regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a field name: letters, digits, _'),
    z.union([z.string().max(2000), z.number(), z.boolean(), z.null(), z.array(z.string().max(100)).max(100)]),
  )
  .refine((fields) => Object.keys(fields).length <= 50, 'at most 50 custom fields')
  .meta({ id: 'CustomFields' });
export type CustomFields = z.infer<typeof CustomFields>;

/** At most this many explicit ids are changed in the request itself; more, or a filter, make a job (202). */
export const BULK_SYNC_MAX = 100;
/** Most tickets one bulk job changes (explicit ids, or the first of a filter's matches). */
export const BULK_JOB_MAX = 2000;
