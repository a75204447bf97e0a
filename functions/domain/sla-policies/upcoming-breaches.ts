import type { UpcomingBreachesQuery } from '../../../schemas/sla-api';
import { type Caller, isStaff } from '../caller';
import { ForbiddenError } from '../errors';
import { deadlinesOf } from '../sla/deadlines-of';
import type { SlaState } from '../sla/sla-state';
import type { SlaTargetKind } from '../../../schemas/sla-policies';
import type { Deps } from '../store/store';
import { readTickets } from '../store/read-tickets';

export interface UpcomingBreachItem {
  ticketId: string;
  number: string;
  subject: string;
  status: string;
  priority: string;
  assigneeId: string | null;
  target: SlaTargetKind;
  dueAt: string;
  policyId: string;
}

/**
 * The org's next SLA breaches, earliest first, from the sparse index gsi6 (only tickets with a
 * pending breach are in it): one Query and one BatchGetItem, whatever the number of tickets.
 * @throws ForbiddenError for customers.
 */
export async function upcomingBreaches(deps: Deps, caller: Caller, query: UpcomingBreachesQuery): Promise<UpcomingBreachItem[]> {
  if (!isStaff(caller)) throw new ForbiddenError('customers may not list SLA breaches');
  const index = deps.store.entities.ticket.query.byNextBreach({ orgId: caller.orgId });
  const ranged = query.before ? index.lt({ slaNextBreachAt: query.before }) : index;
  const { data: keys } = await ranged.go({ limit: query.limit, order: 'asc' });
  // The index carries keys only (functions/manifest/table.ts): one BatchGetItem reads the tickets.
  const data = await readTickets(deps, caller.orgId, keys.map((k) => k.ticketId));
  return data.flatMap((ticket) => {
    const sla = ticket.sla as SlaState | undefined;
    const breach = sla && deadlinesOf(sla).find((d) => d.stage === 'breach');
    if (!sla || !breach) return [];
    return [{
      ticketId: ticket.ticketId, number: ticket.number, subject: ticket.subject, status: ticket.status,
      priority: ticket.priority, assigneeId: ticket.assigneeId ?? null, target: breach.kind,
      dueAt: breach.at.toISOString(), policyId: sla.policyId,
    }];
  });
}
