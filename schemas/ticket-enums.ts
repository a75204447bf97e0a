import * as z from 'zod';

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
