import type { TicketEvent } from '../../../schemas/events';
import { type Additions, type EventContribution, add, cellUpdatesOf, dayOf, hourOf, shardOf } from './contribution';
import type { Dimension } from './stats.entities';

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
