/** Ticket statuses as far as the SLA clock is concerned (the ticket schema owns the enum). */
export type SlaTicketStatus =
  | 'new'
  | 'open'
  | 'in_progress'
  | 'waiting_on_customer'
  | 'waiting_on_third_party'
  | 'resolved'
  | 'closed'
  | 'cancelled';

const RUNNING: ReadonlySet<SlaTicketStatus> = new Set<SlaTicketStatus>(['new', 'open', 'in_progress']);

/**
 * Whether business time counts against the ticket's targets in this status: not while
 * waiting on the customer or a third party, nor once resolved, closed or cancelled.
 * Throws nothing.
 */
export function isSlaClockRunning(status: SlaTicketStatus): boolean {
  return RUNNING.has(status);
}
