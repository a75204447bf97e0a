import type { TicketStatus } from '../../../schemas/tickets';
import { TERMINAL_STATUSES } from '../status-groups';

/**
 * The declared status machine. Escalation is not a status; reopening a resolved ticket is
 * open to anyone who may act on it, reopening a closed or cancelled one is a supervisor's
 * decision and only within the reopen window.
 */
export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'in_progress', 'waiting_on_customer', 'waiting_on_third_party', 'resolved', 'closed', 'cancelled'],
  open: ['in_progress', 'waiting_on_customer', 'waiting_on_third_party', 'resolved', 'cancelled'],
  in_progress: ['open', 'waiting_on_customer', 'waiting_on_third_party', 'resolved', 'cancelled'],
  waiting_on_customer: ['open', 'in_progress', 'waiting_on_third_party', 'resolved', 'closed', 'cancelled'],
  waiting_on_third_party: ['open', 'in_progress', 'waiting_on_customer', 'resolved', 'cancelled'],
  resolved: ['open', 'in_progress', 'closed'],
  closed: ['open'],
  cancelled: ['open'],
};

export const REOPEN_WINDOW_DAYS = 30;
const SUPERVISOR_ONLY_FROM: readonly TicketStatus[] = TERMINAL_STATUSES;

export interface TransitionContext {
  supervisor: boolean;
  /** When the ticket was closed; a closed ticket reopens only within the window. */
  closedAt?: string;
  now: Date;
}

export type TransitionVerdict = { ok: true } | { ok: false; allowed: TicketStatus[]; why?: string };

/** The statuses this actor may move the ticket to now. */
export function allowedTransitions(from: TicketStatus, ctx: TransitionContext): TicketStatus[] {
  if (SUPERVISOR_ONLY_FROM.includes(from) && (!ctx.supervisor || !withinReopenWindow(ctx))) return [];
  return [...TRANSITIONS[from]];
}

export function checkTransition(from: TicketStatus, to: TicketStatus, ctx: TransitionContext): TransitionVerdict {
  const allowed = allowedTransitions(from, ctx);
  if (allowed.includes(to)) return { ok: true };
  if (TRANSITIONS[from].includes(to) && SUPERVISOR_ONLY_FROM.includes(from)) {
    const why = ctx.supervisor
      ? `the ticket was ${from} more than ${REOPEN_WINDOW_DAYS} days ago; open a new ticket instead`
      : `only a supervisor or admin may reopen a ${from} ticket`;
    return { ok: false, allowed, why };
  }
  return { ok: false, allowed };
}

function withinReopenWindow(ctx: TransitionContext): boolean {
  if (!ctx.closedAt) return true;
  return ctx.now.getTime() - Date.parse(ctx.closedAt) <= REOPEN_WINDOW_DAYS * 86_400_000;
}
