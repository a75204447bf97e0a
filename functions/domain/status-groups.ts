import type { TicketStatus } from '../../schemas/ticket-enums';

/**
 * The groups of ticket statuses, the one place that says which status is in which:
 * - open: work remains (the SLA clocks still exist, running or paused);
 * - running: the SLA clock counts business time;
 * - paused: waiting on someone else, the clock stands still;
 * - done: resolved, closed or cancelled (no SLA clock remains);
 * - terminal: closed or cancelled (reopening them is a supervisor's decision; nothing is planned for them);
 * - awaiting the customer: a customer's reply reopens the ticket, silence auto-closes it.
 */
export const RUNNING_STATUSES = ['new', 'open', 'in_progress'] as const satisfies readonly TicketStatus[];
export const PAUSED_STATUSES = ['waiting_on_customer', 'waiting_on_third_party'] as const satisfies readonly TicketStatus[];
export const OPEN_STATUSES = [...RUNNING_STATUSES, ...PAUSED_STATUSES] as const satisfies readonly TicketStatus[];
export const TERMINAL_STATUSES = ['closed', 'cancelled'] as const satisfies readonly TicketStatus[];
export const DONE_STATUSES = ['resolved', ...TERMINAL_STATUSES] as const satisfies readonly TicketStatus[];
export const AWAITING_CUSTOMER_STATUSES = ['waiting_on_customer', 'resolved'] as const satisfies readonly TicketStatus[];

const within = (group: readonly TicketStatus[]) => (status: TicketStatus | string): boolean =>
  (group as readonly string[]).includes(status);

export const isOpenStatus = within(OPEN_STATUSES);
export const isRunningStatus = within(RUNNING_STATUSES);
export const isPausedStatus = within(PAUSED_STATUSES);
export const isDoneStatus = within(DONE_STATUSES);
export const isTerminalStatus = within(TERMINAL_STATUSES);
export const isAwaitingCustomerStatus = within(AWAITING_CUSTOMER_STATUSES);
