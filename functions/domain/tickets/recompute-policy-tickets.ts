import type { SlaCalendar } from '../../../schemas/sla-policies';
import type { Role } from '../../../schemas/users';
import type { Caller } from '../caller';
import { recomputeSla, type SlaState } from '../sla';
import { OPEN_STATUSES, isOpenStatus } from '../status-groups';
import { readTickets } from '../store/read-tickets';
import type { Deps } from '../store/store';
import { readOrgPolicies, toSlaPolicy } from '../sla-policies/policy-cache';
import type { PolicyRecomputeJob } from '../sla-policies/policy-recompute-job';
import { activityOf } from './activities';
import { retryOnConflict } from './load-ticket';
import { nextBreachOf } from './ticket-sla';
import { saveTicketChange } from './ticket-writes';
import type { Ticket } from './ticket.entity';

export { PolicyRecomputeJob } from '../sla-policies/policy-recompute-job';

/** The SLA state plus the policy version it was last laid out on (absent: before any policy change). */
type StampedSla = SlaState & { policyVersion?: number };

export interface RecomputeOutcome {
  skipped?: 'policy-gone';
  scanned: number;
  recomputed: string[];
  /** Tickets still contended after every retry (the job is then retried as a whole). */
  contended: string[];
}

const PAGE = 100;
const systemCaller = (orgId: string): Caller => ({
  orgId, userId: 'system', email: 'system@helpdesk.invalid', name: 'Helpdesk', role: 'system' as Role,
});

/**
 * Carries a policy change (targets or calendar) over to every OPEN ticket of the org that
 * follows that policy: pages through the status index (one Query per open status, never a
 * Scan) and recomputes each ticket in its own version-guarded transaction with a
 * `ticket.updated` activity (`changes.slaPolicy`), which the SLA planner re-plans timers from.
 * Tickets keep the policy they started on: a change of the org's default moves nobody; a change
 * of the policy a ticket follows recomputes it. Tickets that closed or moved off the policy
 * meanwhile are skipped; one that changes under the write is re-read and retried.
 * A recomputed ticket moves to the end of its status index (its update time changes) and may be
 * met again on a later page; the stamp below makes that a skip.
 * Idempotent per (policy, version): each recomputed ticket is stamped with the policy version it
 * now follows, so a redelivered (or older) job leaves it alone. A deleted policy does nothing.
 * @throws whatever DynamoDB throws (the job is then redelivered); InvalidSlaCalendarError for a broken stored calendar.
 */
export async function recomputePolicyTickets(
  deps: Deps, job: PolicyRecomputeJob, options: { pageSize?: number } = {},
): Promise<RecomputeOutcome> {
  const { policies } = await readOrgPolicies(deps, job.orgId);
  const item = policies.find((p) => p.policyId === job.policyId);
  const outcome: RecomputeOutcome = { scanned: 0, recomputed: [], contended: [] };
  if (!item) return { ...outcome, skipped: 'policy-gone' };
  // A newer change may already be stored: lay tickets out on what is in force now.
  const policy = toSlaPolicy(item);
  const version = Math.max(item.version, job.policyVersion);
  const previousCalendar = (job.previousCalendar ?? item.calendar) as SlaCalendar;

  for (const status of OPEN_STATUSES) {
    let cursor: string | null = null;
    do {
      const page: { data: Ticket[]; cursor: string | null } = await deps.store.entities.ticket.query
        .byStatus({ orgId: job.orgId, status })
        .go({ cursor, limit: options.pageSize ?? PAGE });
      for (const found of await readTickets(deps, job.orgId, page.data.map((t) => t.ticketId))) {
        outcome.scanned++;
        if (!follows(found, job.policyId, version)) continue;
        const result = await recomputeOne(deps, found, policy, previousCalendar, job.policyId, version);
        if (result === 'recomputed') outcome.recomputed.push(found.ticketId);
        else if (result === 'contended') outcome.contended.push(found.ticketId);
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return outcome;
}

/** Open, on the policy, and not yet laid out on this policy version. */
function follows(ticket: Ticket, policyId: string, version: number): boolean {
  const sla = ticket.sla as StampedSla | undefined;
  if (!sla || sla.policyId !== policyId) return false;
  if (!isOpenStatus(ticket.status)) return false;
  return (sla.policyVersion ?? 0) < version;
}

async function recomputeOne(
  deps: Deps, found: Ticket, policy: ReturnType<typeof toSlaPolicy>, previousCalendar: SlaCalendar, policyId: string, version: number,
): Promise<'recomputed' | 'skipped' | 'contended'> {
  const key = { orgId: found.orgId, ticketId: found.ticketId };
  let first = true;
  const result = await retryOnConflict(async () => {
    // The page may be stale (the index is eventually consistent): re-read before deciding.
    const current = first ? found : (await deps.store.entities.ticket.get(key).go({ consistent: true })).data;
    first = false;
    if (!current || !follows(current, policyId, version)) return 'skipped' as const;
    const before = current.sla as StampedSla;
    const at = deps.now();
    const recomputed = recomputeSla(before, previousCalendar, { policy, priority: before.priority }, at);
    const sla: StampedSla = { ...recomputed, policyVersion: version };
    const next: Ticket = { ...current, sla, slaNextBreachAt: nextBreachOf(sla), version: current.version + 1, updatedAt: at.toISOString() };
    const activity = activityOf(next, 'ticket.updated', systemCaller(current.orgId), deps.newId(), {
      changes: { slaPolicy: { from: { policyId, version: before.policyVersion ?? null }, to: { policyId, version } } },
      data: { reason: 'sla-policy-changed' },
    });
    const saved = await saveTicketChange(deps, current, next, [activity]);
    return saved.ok ? ('recomputed' as const) : ('retry' as const);
  });
  return result === 'retry' ? 'contended' : result;
}
