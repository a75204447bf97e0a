import type { TicketEvent } from '../../../schemas/events';
import { isStaffRole } from '../../../schemas/roles';
import type { SlaCalendar } from '../../../schemas/sla-policies';
import type { SlaState } from '../sla/sla-state';
import { consumedBy } from '../sla/sla-timers';
import { isDoneStatus } from '../status-groups';
import type { Ticket } from '../tickets/ticket.entity';
import { bucketOf } from './histogram';
import { type Counter, type Dimension, backlogAttribute, histogramAttribute } from './stats.entities';

// What one ticket event adds to the rollups, and on which lines: pure (the rollup's planning is
// rollup-plan.ts, its writes rollup.ts).

/** Cells spread over this many shards per line and period (by the first event id of a transaction). */
export const SHARDS = 4;
const COMPLETION_SLACK_MS = 5_000;

/** The event types the rollup reads; the manifest's rule names the same. */
export const ROLLUP_EVENT_TYPES = ['ticket.created', 'ticket.status.changed', 'ticket.message.added', 'ticket.rated'] as const;

export type Additions = Record<string, number>;

/** One measured fact of an event and the agent it is counted on (its other lines come from the ticket). */
export interface Fact {
  adds: Additions;
  agentId?: string | null;
}

/** What an event adds: facts for the dated lines, and backlog moves (org-wide gauge). Pure. */
export interface EventContribution {
  facts: Fact[];
  backlog: Additions;
}

export const add = (adds: Additions, name: string, by = 1) => {
  adds[name] = (adds[name] ?? 0) + by;
};

function durationFacts(
  prefix: 'fr' | 'res', wallMs: number, business: { ms: number } | undefined, breached: boolean | undefined, adds: Additions,
) {
  const p = prefix;
  add(adds, `${p}N` as Counter);
  add(adds, `${p}Ms` as Counter, Math.max(0, Math.round(wallMs)));
  add(adds, histogramAttribute(p === 'fr' ? 'frH' : 'resH', bucketOf(wallMs / 1000)));
  if (business) {
    add(adds, `${p}BizN` as Counter);
    add(adds, `${p}BizMs` as Counter, Math.max(0, Math.round(business.ms)));
    add(adds, histogramAttribute(p === 'fr' ? 'frBizH' : 'resBizH', bucketOf(business.ms / 1000)));
  }
  if (breached !== undefined) {
    const target = p === 'fr' ? 'slaFr' : 'slaRes';
    add(adds, breached ? `${target}Breached` : `${target}Met`);
  }
}

/** The SLA outcome of one target at the moment it completed at `at`, from the ticket's SLA state. */
function slaOutcome(sla: SlaState | undefined, kind: 'firstResponse' | 'resolution', at: string, calendar?: SlaCalendar) {
  if (!sla) return { business: undefined, breached: undefined };
  const timer = sla.timers?.[kind];
  const breached = (sla.breached ?? []).some((b) => b.kind === kind) || Boolean(timer?.breached);
  // The business time is the timer's consumed time once it completed at this very instant; a
  // ticket that moved on since (reopened: a new clock) no longer says, so the event counts wall time only.
  let business: { ms: number } | undefined;
  // The write path stamps the event and the SLA clock from two reads of the clock, which may
  // differ by a few milliseconds: the clock that completed with this event completed beside it.
  const completed = timer?.completedAt ? Date.parse(timer.completedAt) : Number.NaN;
  if (timer && Math.abs(completed - Date.parse(at)) <= COMPLETION_SLACK_MS && calendar) {
    // A clock that stopped while paused ran until the pause, not until the completion.
    const until = sla.pausedSince && Date.parse(sla.pausedSince) < completed ? Date.parse(sla.pausedSince) : completed;
    business = { ms: consumedBy(timer, calendar, new Date(until)) };
  }
  return { business, breached };
}

/**
 * What one ticket event adds to the rollups. `ticket` is the stored ticket, read only for the
 * first response and the resolution (creation time, SLA state); it may be newer than the event.
 * `calendar` is the business calendar of the ticket's SLA policy. Pure.
 */
export function contributionOf(
  event: TicketEvent, ticket?: Pick<Ticket, 'createdAt' | 'firstResponseAt' | 'sla'>, calendar?: SlaCalendar,
): EventContribution {
  const facts: Fact[] = [];
  const backlog: Additions = {};
  const assignee = event.ticket.assigneeId;
  if (event.type === 'ticket.created') {
    facts.push({ adds: { created: 1 }, agentId: assignee });
    add(backlog, backlogAttribute(event.ticket.status));
  }
  if (event.type === 'ticket.status.changed') {
    const change = event.changes?.status;
    const from = typeof change?.from === 'string' ? change.from : undefined;
    const to = typeof change?.to === 'string' ? change.to : event.ticket.status;
    if (from && from !== to) {
      add(backlog, backlogAttribute(from), -1);
      add(backlog, backlogAttribute(to));
    }
    const adds: Additions = {};
    if (to === 'resolved') add(adds, 'resolved');
    if (to === 'closed') add(adds, 'closed');
    if (from && isDoneStatus(from) && !isDoneStatus(to)) add(adds, 'reopened');
    // A resolution: the first arrival in resolved or closed from a working status.
    if ((to === 'resolved' || to === 'closed') && from && !isDoneStatus(from) && ticket) {
      const wallMs = Date.parse(event.occurredAt) - Date.parse(ticket.createdAt);
      const { business, breached } = slaOutcome(ticket.sla as SlaState | undefined, 'resolution', event.occurredAt, calendar);
      durationFacts('res', wallMs, business, breached, adds);
    }
    // Unassigned, the staff member who changed the status is credited.
    if (Object.keys(adds).length) facts.push({ adds, agentId: assignee ?? (isStaffRole(event.actor.role) ? event.actor.id : null) });
  }
  if (event.type === 'ticket.message.added' && ticket?.firstResponseAt && ticket.firstResponseAt === event.occurredAt
    && isStaffRole(event.actor.role)) {
    const adds: Additions = {};
    const wallMs = Date.parse(ticket.firstResponseAt) - Date.parse(ticket.createdAt);
    const { business, breached } = slaOutcome(ticket.sla as SlaState | undefined, 'firstResponse', event.occurredAt, calendar);
    durationFacts('fr', wallMs, business, breached, adds);
    facts.push({ adds, agentId: event.actor.id });
  }
  if (event.type === 'ticket.rated') {
    const score = Number((event.data as { score?: number }).score);
    if (score >= 1 && score <= 5) facts.push({ adds: { csatN: 1, csatSum: score, [`csat${score}`]: 1 }, agentId: assignee });
  }
  return { facts, backlog };
}

/** Whether the rollup needs the stored ticket to measure this event. */
export const needsTicket = (event: TicketEvent) =>
  (event.type === 'ticket.message.added' && isStaffRole(event.actor.role))
  || (event.type === 'ticket.status.changed' && ['resolved', 'closed'].includes(String(event.changes?.status?.to ?? '')));

/** The line of a dimension value. */
export const lineOf = (dimension: Dimension, value: string) => `${dimension}#${value}`;

/** The dimension values a fact is counted on, beside the `all` line. */
export function dimensionValues(event: TicketEvent, fact: Fact): Partial<Record<Dimension, string>> {
  return {
    channel: event.ticket.channel || 'unknown',
    priority: event.ticket.priority,
    category: event.ticket.category || 'none',
    department: event.ticket.departmentId || 'none',
    ...(fact.agentId ? { agent: fact.agentId } : {}),
  };
}

/** A stable shard of an event id (FNV-1a), so a redelivery lands on the same cells. */
export function shardOf(eventId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < eventId.length; i++) hash = Math.imul(hash ^ eventId.charCodeAt(i), 0x01000193) >>> 0;
  return String(hash % SHARDS);
}

export const dayOf = (iso: string) => iso.slice(0, 10);
export const hourOf = (iso: string) => new Date(iso).toISOString().slice(0, 13);

/** Cell updates of one event: line → additions and, on `all`, the dimension values to record. */
export function cellUpdatesOf(event: TicketEvent, contribution: EventContribution) {
  const lines = new Map<string, Additions>();
  const values: Partial<Record<Dimension, Set<string>>> = {};
  for (const fact of contribution.facts) {
    const target = (line: string) => {
      const adds = lines.get(line) ?? {};
      for (const [name, by] of Object.entries(fact.adds)) add(adds, name, by);
      lines.set(line, adds);
    };
    target('all');
    for (const [dimension, value] of Object.entries(dimensionValues(event, fact)) as [Dimension, string][]) {
      target(lineOf(dimension, value));
      (values[dimension] ??= new Set()).add(value);
    }
  }
  return { lines, values };
}
