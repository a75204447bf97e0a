import type { TicketEvent } from '../../../schemas/events';
import { logger } from '../../observability';
import type { SlaState } from '../sla/sla-state';
import { policyById } from '../sla-policies/policy-cache';
import { CONDITION_FAILED } from '../store/cancellation-reasons';
import { readTickets } from '../store/read-tickets';
import type { Deps } from '../store/store';
import type { Ticket } from '../tickets/ticket.entity';
import { contributionOf, needsTicket } from './contribution';
import { type EventRollup, type RollupChunk, chunkOf, planRollupBatch, rollupOf } from './rollup-plan';
import { type Dimension, valuesAttribute } from './stats.entities';

const MARKER_TTL_SECONDS = 7 * 86_400;
const CONSUMER = 'stats-rollup';

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
  const ids = [...new Set(events.filter(needsTicket).map((e) => e.ticketId))];
  return new Map((await readTickets(deps, orgId, ids, { consistent: true })).map((ticket) => [ticket.ticketId, ticket]));
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
