import type { TicketStatus } from '../../../schemas/ticket-enums';
import { isRunningStatus } from '../status-groups';

/** The ticket statuses, as the SLA clock sees them. */
export type SlaTicketStatus = TicketStatus;

/**
 * Whether business time counts against the ticket's targets in this status: not while
 * waiting on the customer or a third party, nor once resolved, closed or cancelled.
 * Throws nothing.
 */
export function isSlaClockRunning(status: SlaTicketStatus): boolean {
  return isRunningStatus(status);
}
