import * as z from 'zod';

/** Statuses and priorities: one definition for tickets, SLA policies and events. */
export const TicketStatus = z
  .enum(['new', 'open', 'in_progress', 'waiting_on_customer', 'waiting_on_third_party', 'resolved', 'closed', 'cancelled'])
  .meta({ id: 'TicketStatus' });
export type TicketStatus = z.infer<typeof TicketStatus>;

export const TicketPriority = z.enum(['low', 'medium', 'high', 'urgent', 'critical']).meta({ id: 'TicketPriority' });
export type TicketPriority = z.infer<typeof TicketPriority>;
