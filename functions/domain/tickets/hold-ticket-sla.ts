import type { Caller } from '../caller';
import { VersionConflictError } from '../errors';
import {
  isSlaClockRunning, pauseSlaManually, resumeSlaManually, SlaClockStoppedError, type SlaState,
} from '../sla';
import { policyById } from '../sla-policies/policy-cache';
import { isDoneStatus } from '../status-groups';
import type { Deps } from '../store/store';
import { assertStaff } from './access';
import { activityOf } from './activities';
import { loadTicket, retryOnConflict } from './load-ticket';
import { nextBreachOf } from './ticket-sla';
import { saveTicketChange } from './ticket-writes';
import type { Ticket } from './ticket.entity';

type Hold = 'pause' | 'resume';

/**
 * Staff hold a ticket's SLA clock with a reason: the SLA state (deadlines reached by now
 * recorded, the rest stopped) and an internal `ticket.updated` activity naming the actor and
 * the reason commit in one transaction, guarded by the ticket version; the timer planner then
 * drops the ticket's SLA schedules from that event. The hold survives status changes: only
 * resumeTicketSla releases it.
 * @throws NotFoundError, ForbiddenError (customers), SlaAlreadyPausedError (409),
 *   SlaClockStoppedError (409: no SLA, or resolved / closed / cancelled), VersionConflictError (If-Match).
 */
export function pauseTicketSla(deps: Deps, caller: Caller, ticketId: string, reason: string, expectedVersion?: number): Promise<Ticket> {
  return holdTicketSla(deps, caller, ticketId, 'pause', reason, expectedVersion);
}

/**
 * Releases a staff hold: when the status lets the clock run, each unfinished target's remaining
 * business time is laid out from now (on the calendar of the ticket's policy), so its due time
 * moves by the time held; a ticket waiting on the customer stays paused by its status. One
 * transaction with its activity (actor, optional reason); the planner re-creates the schedules.
 * @throws NotFoundError, ForbiddenError, SlaNotPausedError (409), VersionConflictError.
 */
export function resumeTicketSla(deps: Deps, caller: Caller, ticketId: string, reason?: string, expectedVersion?: number): Promise<Ticket> {
  return holdTicketSla(deps, caller, ticketId, 'resume', reason, expectedVersion);
}

async function holdTicketSla(
  deps: Deps, caller: Caller, ticketId: string, hold: Hold, reason: string | undefined, expectedVersion?: number,
): Promise<Ticket> {
  assertStaff(caller, `${hold} SLA clocks`);
  const result = await retryOnConflict(async () => {
    const current = await loadTicket(deps, caller, ticketId);
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw new VersionConflictError(ticketId, current.version);
    const state = current.sla as SlaState | undefined;
    const at = deps.now();
    let sla: SlaState;
    if (hold === 'pause') {
      if (!state || isDoneStatus(current.status)) {
        throw new SlaClockStoppedError(`ticket ${ticketId} has no running SLA clock (status ${current.status})`);
      }
      sla = pauseSlaManually(state, at, { byId: caller.userId, ...(caller.name ? { byName: caller.name } : {}), reason: reason! });
    } else {
      if (!state) throw new SlaClockStoppedError(`ticket ${ticketId} has no SLA clock`);
      const calendar = (await policyById(deps, current.orgId, state.policyId)).calendar;
      sla = resumeSlaManually(state, calendar, at, isSlaClockRunning(current.status));
    }
    const next: Ticket = {
      ...current, sla, slaNextBreachAt: nextBreachOf(sla), version: current.version + 1, updatedAt: at.toISOString(),
    };
    const activity = activityOf(next, 'ticket.updated', caller, deps.newId(), {
      changes: { slaPaused: { from: hold === 'resume', to: hold === 'pause' } },
      data: {
        sla: hold === 'pause' ? 'paused' : 'resumed', reason: reason ?? null, slaVersion: sla.slaVersion,
        pausedSince: sla.pausedSince,
      },
    });
    const outcome = await saveTicketChange(deps, current, next, [{ ...activity, internal: true }]);
    if (outcome.ok) return next;
    if (expectedVersion !== undefined) throw new VersionConflictError(ticketId);
    return 'retry' as const;
  });
  if (result === 'retry') throw new VersionConflictError(ticketId);
  return result;
}
