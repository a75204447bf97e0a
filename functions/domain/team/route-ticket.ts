import type { Role } from '../../../schemas/users';
import type { Caller } from '../caller';
import type { Deps } from '../store/store';
import { activityOf } from '../tickets/activities';
import { type PlannedEvent, planTicketUpdate } from '../tickets/plan-ticket-update';
import { withSla } from '../tickets/ticket-sla';
import type { Ticket } from '../tickets/ticket.entity';
import { saveTicketChange } from '../tickets/ticket-writes';
import { isTerminal } from '../tickets/transitions';
import { loadStateOf, loadTransitionItems, loadsOf, readHolder } from './load-counters';
import { routingConfigOf } from './routing-config';
import { type Agent, type RouteTarget, capacityOf, chooseRoute, membersOf, rankCandidates } from './routing-rules';
import type { RoutingCursor } from './team.entities';

/** Routing acts as the system, like the SLA timers: it is no one's click. */
export const routerActor = (orgId: string): Caller => ({
  orgId, userId: 'system:routing', email: 'routing@helpdesk.invalid', name: 'Routing', role: 'system' as Role,
});

export type RouteOutcome =
  | { outcome: 'assigned'; agentId: string; departmentId?: string; rule: string; attempts: number }
  | { outcome: 'unrouted'; departmentId?: string; rule: string }
  | { outcome: 'skipped'; reason: 'missing' | 'assigned' | 'closed' | 'no-rule' };

const MAX_ATTEMPTS = 25;

/**
 * Routes an unassigned ticket: the first matching rule (or the fallback, or an explicit
 * target such as an escalation's department) picks the department and the strategy; the
 * candidates are its agents who are available and under capacity. The assignment is an
 * ordinary version-guarded ticket change (activities, events) whose transaction also moves
 * the agent's load counter, conditioned on the capacity, and round robin's cursor,
 * conditioned on the place it was read at. A lost race re-reads and tries again. Nobody
 * eligible: the ticket keeps no assignee, gets the department and a `ticket.unrouted` event.
 */
export async function routeTicket(
  deps: Deps,
  orgId: string,
  ticketId: string,
  options: { target?: { departmentId: string } } = {},
): Promise<RouteOutcome> {
  const actor = routerActor(orgId);
  const config = await routingConfigOf(deps, orgId);
  if (!options.target && config.rules.length === 0 && !config.fallback) return { outcome: 'skipped', reason: 'no-rule' };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { data: ticket } = await deps.store.entities.ticket.get({ orgId, ticketId }).go({ consistent: true });
    if (!ticket) return { outcome: 'skipped', reason: 'missing' };
    if (ticket.assigneeId) return { outcome: 'skipped', reason: 'assigned' };
    if (isTerminal(ticket.status)) return { outcome: 'skipped', reason: 'closed' };
    const route = await targetOf(deps, ticket, config, options.target);
    if (!route) return { outcome: 'skipped', reason: 'no-rule' };

    const [agents, cursor, holder] = await Promise.all([
      agentsOf(deps, orgId),
      route.departmentId && route.strategy === 'round_robin' ? cursorOf(deps, orgId, route.departmentId) : undefined,
      readHolder(deps, orgId, ticketId),
    ]);
    const ranked = rankCandidates(membersOf(agents, route.departmentId), route.strategy, route.skills, cursor?.lastAgentId);
    const chosen = ranked[0];
    const at = deps.now().toISOString();

    if (!chosen) {
      const plan = planTicketUpdate(ticket, { departmentId: route.departmentId ?? ticket.departmentId ?? null }, actor, deps.now());
      const next: Ticket = { ...plan.next, version: ticket.version + 1, updatedAt: at };
      const events: PlannedEvent[] = [
        ...plan.events,
        { type: 'ticket.unrouted', data: { departmentId: route.departmentId ?? null, rule: route.rule, reason: 'no-eligible-agent' } },
      ];
      const saved = await saveTicketChange(deps, ticket, next, events.map((e) => activityOf(next, e.type, actor, deps.newId(), e)));
      if (saved.ok) return { outcome: 'unrouted', departmentId: route.departmentId, rule: route.rule };
      continue;
    }

    const plan = planTicketUpdate(ticket, { assigneeId: chosen.userId, departmentId: route.departmentId ?? ticket.departmentId ?? null }, actor, deps.now());
    const next = await withSla(deps, ticket, plan.next);
    const activities = plan.events.map((e) => activityOf(next, e.type, actor, deps.newId(), { ...e, data: { ...e.data, rule: route.rule, strategy: route.strategy } }));
    const saved = await saveTicketChange(deps, ticket, next, activities, {
      assigneeToCheck: chosen.userId,
      also: (tx) => [
        ...loadTransitionItems(tx, orgId, ticketId, holder, loadStateOf(next), next.version, { capacity: capacityOf(chosen), at }).items,
        ...(route.departmentId && route.strategy === 'round_robin'
          ? [
              tx.routingCursor
                .put({ orgId, departmentId: route.departmentId, lastAgentId: chosen.userId, seq: (cursor?.seq ?? 0) + 1 })
                .where((attr, op) => (cursor ? op.eq(attr.seq, cursor.seq) : op.notExists(attr.seq)))
                .commit(),
            ]
          : []),
      ],
    });
    if (saved.ok) return { outcome: 'assigned', agentId: chosen.userId, departmentId: route.departmentId, rule: route.rule, attempts: attempt };
    // Lost a race (ticket, holder, capacity, cursor or the agent left): read again and re-rank.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
  }
  throw new Error(`routing ticket ${ticketId} stayed contended`);
}

async function targetOf(
  deps: Deps,
  ticket: Ticket,
  config: Awaited<ReturnType<typeof routingConfigOf>>,
  explicit?: { departmentId: string },
): Promise<RouteTarget | undefined> {
  if (explicit) {
    const rule = config.rules.find((r) => r.departmentId === explicit.departmentId);
    return { rule: rule?.name ?? 'escalation', departmentId: explicit.departmentId, strategy: rule?.strategy ?? 'least_loaded', skills: rule?.skills ?? [] };
  }
  const route = chooseRoute(config, ticket);
  if (route?.departmentId) {
    const { data } = await deps.store.entities.department.get({ orgId: ticket.orgId, departmentId: route.departmentId }).go();
    if (!data) return undefined;
  }
  return route;
}

/** The directory with each agent's load: two Queries of the organization's small partitions. */
export async function agentsOf(deps: Deps, orgId: string): Promise<Agent[]> {
  const [{ data: users }, loads] = await Promise.all([
    deps.store.entities.user.query.byOrg({ orgId }).go({ pages: 'all', consistent: true }),
    loadsOf(deps, orgId),
  ]);
  return users.map((u) => ({
    userId: u.userId, role: u.role, active: u.active, departmentIds: u.departmentIds, skills: u.skills, capacity: u.capacity,
    availability: u.availability, openAssigned: loads.get(u.userId)?.openAssigned ?? 0, lastAssignedAt: loads.get(u.userId)?.lastAssignedAt,
  }));
}

async function cursorOf(deps: Deps, orgId: string, departmentId: string): Promise<RoutingCursor | undefined> {
  const { data } = await deps.store.entities.routingCursor.get({ orgId, departmentId }).go({ consistent: true });
  return data ?? undefined;
}
