import { isStaffRole } from '../../../schemas/roles';
import type { Caller } from '../caller';
import { NotFoundError, RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import type { TicketPlan } from '../tickets/plan-ticket-update';
import type { Ticket } from '../tickets/ticket.entity';
import { applyTicketPlan } from '../tickets/update-ticket';

export const MAX_WATCHERS = 25;

/** The ticket with `userId` added to or removed from its watchers; no event when nothing changes. Pure. */
export function planWatchers(current: Ticket, userId: string, watch: boolean, now: Date): TicketPlan {
  const before = current.watchers ?? [];
  const after = watch ? [...new Set([...before, userId])] : before.filter((id) => id !== userId);
  if (after.length === before.length) return { next: current, events: [] };
  if (after.length > MAX_WATCHERS) throw new RuleViolationError(`a ticket has at most ${MAX_WATCHERS} watchers`);
  const at = now.toISOString();
  return {
    next: { ...current, watchers: after.length ? after : undefined, version: current.version + 1, updatedAt: at },
    events: [{ type: 'ticket.updated', changes: { watchers: { from: before, to: after } }, data: { [watch ? 'watcherAdded' : 'watcherRemoved']: userId } }],
  };
}

/**
 * Adds or removes a watcher (staff only): watchers get the ticket's events on their
 * WebSocket without subscribing. A watcher must be an active staff member of the directory.
 * @throws NotFoundError (ticket or user), ForbiddenError, RuleViolationError (too many)
 */
export async function setWatcher(deps: Deps, caller: Caller, ticketId: string, userId: string, watch: boolean): Promise<Ticket> {
  if (watch) {
    const { data: user } = await deps.store.entities.user.get({ orgId: caller.orgId, userId }).go();
    if (!user || !user.active || !isStaffRole(user.role)) throw new NotFoundError('staff member', userId);
  }
  return applyTicketPlan(deps, caller, ticketId, undefined, (current) => planWatchers(current, userId, watch, deps.now()));
}
