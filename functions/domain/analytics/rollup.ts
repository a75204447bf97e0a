import type { TicketEvent } from '../../../schemas/events';
import { logger } from '../../observability';
import { isStaffRole } from '../../../schemas/roles';
import type { SlaCalendar } from '../../../schemas/sla-policies';
import type { SlaState } from '../sla/sla-state';
import { consumedBy } from '../sla/sla-timers';
import { policyById } from '../sla-policies/policy-cache';
import { isDoneStatus } from '../status-groups';
import { CONDITION_FAILED } from '../store/cancellation-reasons';
import type { Deps } from '../store/store';
import type { Ticket } from '../tickets/ticket.entity';
import { bucketOf } from './histogram';
import { type Counter, type Dimension, backlogAttribute, histogramAttribute, valuesAttribute } from './stats.entities';

/** Cells spread over this many shards per line and period (by the first event id of a transaction). */
export const SHARDS = 4;
const MARKER_TTL_SECONDS = 7 * 86_400;
const CONSUMER = 'stats-rollup';
const COMPLETION_SLACK_MS = 5_000;

/** The event types the rollup reads; the manifest's rule names the same. */
export const ROLLUP_EVENT_TYPES = ['ticket.created', 'ticket.status.changed', 'ticket.message.added', 'ticket.rated'] as const;

type Additions = Record<string, number>;

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

const add = (adds: Additions, name: string, by = 1) => {
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

/** One stats cell's ADDs (its shard is the transaction's) and, on the `all` day cell, the dimension values it names. */
export interface CellWrite {
  line: string;
  grain: 'D' | 'H' | 'G';
  period: string;
  adds: Additions;
  values?: Partial<Record<Dimension, Set<string>>>;
}

/** What one event writes beside its marker: the day and hour cells of each line, the backlog gauge. */
export interface EventRollup {
  eventId: string;
  orgId: string;
  cells: CellWrite[];
}

/** The cells one event moves (none: the event counts nothing, and gets no marker). Pure. */
export function rollupOf(event: TicketEvent, contribution: EventContribution): EventRollup {
  const { lines, values } = cellUpdatesOf(event, contribution);
  const day = dayOf(event.occurredAt);
  const hour = hourOf(event.occurredAt);
  const cells: CellWrite[] = [];
  for (const [line, adds] of lines) {
    for (const [grain, period] of [['D', day], ['H', hour]] as const) {
      const named = line === 'all' && grain === 'D' && Object.keys(values).length > 0;
      cells.push({ line, grain, period, adds: { ...adds }, ...(named ? { values } : {}) });
    }
  }
  if (Object.keys(contribution.backlog).length) cells.push({ line: 'backlog', grain: 'G', period: 'now', adds: { ...contribution.backlog } });
  return { eventId: event.id, orgId: event.orgId, cells };
}

/** DynamoDB's limit of items in one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;

/** One transaction of a batch: the markers of its events and their cells merged, in one shard. */
export interface RollupChunk {
  orgId: string;
  shard: string;
  eventIds: string[];
  cells: CellWrite[];
}

const cellKey = (cell: Pick<CellWrite, 'line' | 'grain' | 'period'>) => `${cell.line}\u0000${cell.grain}\u0000${cell.period}`;

/**
 * The cells of several events of one organization merged: a cell they share is written once with
 * the sums (and the union of the dimension values); an attribute whose moves cancel out (a backlog
 * +1 and -1) is left out, and so is a cell left with nothing to add. Pure.
 */
export function mergeCells(rollups: readonly EventRollup[]): CellWrite[] {
  const merged = new Map<string, CellWrite>();
  for (const rollup of rollups) {
    for (const cell of rollup.cells) {
      const key = cellKey(cell);
      const into = merged.get(key) ?? { line: cell.line, grain: cell.grain, period: cell.period, adds: {} };
      for (const [name, by] of Object.entries(cell.adds)) add(into.adds, name, by);
      for (const [dimension, set] of Object.entries(cell.values ?? {}) as [Dimension, Set<string>][]) {
        const union = ((into.values ??= {})[dimension] ??= new Set());
        for (const value of set) union.add(value);
      }
      merged.set(key, into);
    }
  }
  const cells: CellWrite[] = [];
  for (const cell of merged.values()) {
    const adds = Object.fromEntries(Object.entries(cell.adds).filter(([, by]) => by !== 0));
    if (Object.keys(adds).length || cell.values) cells.push({ ...cell, adds });
  }
  return cells;
}

/**
 * Plans a batch's writes: per organization, in the batch's order, chunks of events whose markers
 * and merged cells fit one transaction (`maxItems`, DynamoDB's 100). An event id seen again in the
 * batch is planned once: its later copies are listed in `repeats` (by index), as are events that
 * count nothing in `empty` (they get no marker, as a lone event does not). A chunk's cells go to the
 * shard of its first event id, so concurrent batches still spread over the shards. Pure.
 */
export function planRollupBatch(rollups: readonly EventRollup[], maxItems = MAX_TRANSACTION_ITEMS) {
  const repeats: number[] = [];
  const empty: number[] = [];
  const seen = new Set<string>();
  const byOrg = new Map<string, EventRollup[]>();
  rollups.forEach((rollup, index) => {
    if (rollup.cells.length === 0) empty.push(index);
    else if (seen.has(rollup.eventId)) repeats.push(index);
    else {
      seen.add(rollup.eventId);
      byOrg.set(rollup.orgId, [...(byOrg.get(rollup.orgId) ?? []), rollup]);
    }
  });
  const chunks: RollupChunk[] = [];
  for (const [orgId, group] of byOrg) {
    let members: EventRollup[] = [];
    let keys = new Set<string>();
    const close = () => {
      if (members.length) chunks.push(chunkOf(orgId, shardOf(members[0].eventId), members));
      [members, keys] = [[], new Set()];
    };
    for (const rollup of group) {
      const fresh = new Set(rollup.cells.map(cellKey).filter((key) => !keys.has(key)));
      if (1 + rollup.cells.length > maxItems) throw new Error(`event ${rollup.eventId} moves ${rollup.cells.length} cells: more than one transaction holds`);
      if (members.length + 1 + keys.size + fresh.size > maxItems) close();
      members.push(rollup);
      for (const key of rollup.cells.map(cellKey)) keys.add(key);
    }
    close();
  }
  return { chunks, repeats, empty };
}

/** A chunk of these events in this shard: their markers and merged cells. Pure. */
export function chunkOf(orgId: string, shard: string, members: readonly EventRollup[]): RollupChunk {
  return { orgId, shard, eventIds: members.map((m) => m.eventId), cells: mergeCells(members) };
}

/** What became of one event of a batch; `failed`: its organization's writes did not go through (retry it). */
export type RollupOutcome = 'applied' | 'duplicate' | 'none' | 'failed';

const CONTENDED_TRIES = 12;

/**
 * Commits one chunk: the markers (conditional creates) and the merged cells' ADDs in one
 * transaction, so the chunk's events count all or not at all. A marker that already exists (an
 * event applied before: a redelivery) cancels the transaction with `ConditionalCheckFailed` at
 * its index: those events are dropped and the rest tried again at once, so an applied event adds
 * nothing. Cancelled on a contended cell (`TransactionConflict`, another batch's ADD), it is tried
 * again after a pause; the cells are never read.
 * @throws Error when the cells stayed contended past every try (the queue delivers again).
 */
async function commitChunk(deps: Deps, chunk: RollupChunk, rollups: ReadonlyMap<string, EventRollup>) {
  const { orgId, shard } = chunk;
  const ttl = Math.floor(deps.now().getTime() / 1000) + MARKER_TTL_SECONDS;
  const duplicates: string[] = [];
  let pending = chunk;
  for (let contended = 0; contended < CONTENDED_TRIES;) {
    if (pending.eventIds.length === 0) return { applied: [] as string[], duplicates };
    const { eventIds, cells } = pending;
    const { canceled, data } = await deps.store.transaction
      .write(({ eventMarker, statsCell }) => [
        ...eventIds.map((eventId) => eventMarker.create({ orgId, consumer: CONSUMER, eventId, ttl }).commit()),
        ...cells.map((cell) => {
          let update = statsCell.update({ orgId, line: cell.line, grain: cell.grain, period: cell.period, shard }).add(cell.adds as never);
          for (const [dimension, set] of Object.entries(cell.values ?? {}) as [Dimension, Set<string>][]) {
            update = update.add({ [valuesAttribute(dimension)]: [...set] } as never);
          }
          return update.commit() as never;
        }),
      ])
      .go();
    if (!canceled) return { applied: eventIds, duplicates };
    const codes = (data as readonly ({ code?: string } | undefined)[]).map((item) => item?.code);
    const seen = eventIds.filter((_id, index) => codes[index] === CONDITION_FAILED);
    if (seen.length) {
      duplicates.push(...seen);
      pending = chunkOf(orgId, shard, eventIds.filter((id) => !seen.includes(id)).map((id) => rollups.get(id)!));
      continue;
    }
    contended++;
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 15 * contended));
  }
  throw new Error(`stats cells of ${orgId} stayed contended for events ${pending.eventIds.join(', ')}`);
}

/** The stored tickets of the events that need one (needsTicket), read together, strongly. */
async function ticketsOf(deps: Deps, orgId: string, events: readonly TicketEvent[]): Promise<Map<string, Ticket>> {
  let keys = [...new Set(events.filter(needsTicket).map((e) => e.ticketId))].map((ticketId) => ({ orgId, ticketId }));
  const found = new Map<string, Ticket>();
  for (let attempt = 0; keys.length && attempt < 5; attempt++) {
    if (attempt) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    const { data, unprocessed } = await deps.store.entities.ticket.get(keys).go({ consistent: true });
    for (const ticket of data) found.set(ticket.ticketId, ticket as Ticket);
    keys = unprocessed as typeof keys;
  }
  if (keys.length) throw new Error(`tickets of ${orgId} left unread: ${keys.map((k) => k.ticketId).join(', ')}`);
  return found;
}

/** One organization's events of a batch: read what they need, plan, commit chunk by chunk. */
async function applyOrgEvents(deps: Deps, orgId: string, events: readonly TicketEvent[]): Promise<RollupOutcome[]> {
  const tickets = await ticketsOf(deps, orgId, events);
  const rollups = await Promise.all(events.map(async (event) => {
    const ticket = needsTicket(event) ? tickets.get(event.ticketId) : undefined;
    const policyId = (ticket?.sla as SlaState | undefined)?.policyId;
    const calendar = policyId ? (await policyById(deps, orgId, policyId)).calendar : undefined;
    return rollupOf(event, contributionOf(event, ticket, calendar));
  }));
  const { chunks, repeats, empty } = planRollupBatch(rollups);
  const byId = new Map(rollups.map((r) => [r.eventId, r]));
  const outcome = new Map<string, RollupOutcome>();
  for (const chunk of chunks) {
    const { applied, duplicates } = await commitChunk(deps, chunk, byId);
    for (const id of applied) outcome.set(id, 'applied');
    for (const id of duplicates) outcome.set(id, 'duplicate');
  }
  const repeated = new Set(repeats);
  const none = new Set(empty);
  return rollups.map((r, index) => (none.has(index) ? 'none' : repeated.has(index) ? 'duplicate' : outcome.get(r.eventId)!));
}

/**
 * Applies a batch of ticket events to the rollups, each once. Per organization, the events'
 * markers and their merged cells commit in transactions of at most 100 items (planRollupBatch), so
 * a burst of N events costs about N markers and one set of cells instead of N sets. An event
 * already applied (a redelivery, or the same event twice in the batch) adds nothing.
 * @returns the outcome of each event, in order; an organization whose writes failed (cells
 * contended past every try, a read that failed) has its events `failed`, the others go on.
 */
export async function applyTicketStatsBatch(deps: Deps, events: readonly TicketEvent[]): Promise<RollupOutcome[]> {
  const byOrg = new Map<string, number[]>();
  events.forEach((event, index) => byOrg.set(event.orgId, [...(byOrg.get(event.orgId) ?? []), index]));
  const outcomes: RollupOutcome[] = events.map(() => 'failed');
  await Promise.all([...byOrg].map(async ([orgId, indexes]) => {
    try {
      const results = await applyOrgEvents(deps, orgId, indexes.map((i) => events[i]));
      indexes.forEach((eventIndex, i) => { outcomes[eventIndex] = results[i]; });
    } catch (error) {
      logger.error('stats rollup of an organization failed; its events are retried', { orgId, events: indexes.length, error });
    }
  }));
  return outcomes;
}
