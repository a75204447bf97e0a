import { TicketStatus } from '../../../schemas/ticket-enums';
import { InvalidCursorError } from '../errors';
import type { Deps } from '../store/store';
import {
  type Filterable, type ListCondition, type RangeQuery, type TimeRange, keyBounds, withConditions,
} from './ticket-list-query';

/** Where a page of the organization's update-ordered list ended: its last ticket's place in the order. */
export interface ListPosition {
  updatedAt: string;
  ticketId: string;
}

interface IndexRow {
  ticketId: string;
  updatedAt: string;
}

export interface MergedPageRequest {
  orgId: string;
  order: 'asc' | 'desc';
  limit: number;
  range: TimeRange;
  conditions: readonly ListCondition[];
  after: ListPosition | null;
}

/**
 * A page of an organization's tickets by update time, merged from its status partitions (gsi3):
 * tickets have no organization-wide update-ordered index, because every change moves a ticket's
 * entry in each such index (a delete and a put) and a fifth one cost a sixth of a lifecycle's
 * writes. A status is one of eight, so a page is eight Queries side by side, each reading at most
 * a page past the cursor, merged in the index's own order (update time, then ticket id, as the
 * sort key compares them). Cursors are positions in that order, so a page is exact whichever
 * partitions it drew from.
 */
export async function pageAcrossStatuses(deps: Deps, request: MergedPageRequest): Promise<{ ticketIds: string[]; next: ListPosition | null }> {
  const partitions = await Promise.all(TicketStatus.options.map((status) => pageOfStatus(deps, status, request)));
  const newest = new Map<string, IndexRow>();
  // A ticket that changed status while the partitions were read can show in two: its newer entry wins.
  for (const row of partitions.flatMap((partition) => partition.rows)) {
    const seen = newest.get(row.ticketId);
    if (!seen || sortKeyOf(seen) < sortKeyOf(row)) newest.set(row.ticketId, row);
  }
  const direction = request.order === 'asc' ? 1 : -1;
  const merged = [...newest.values()].sort((a, b) => direction * (sortKeyOf(a) < sortKeyOf(b) ? -1 : 1));
  const page = merged.slice(0, request.limit);
  const more = merged.length > request.limit || partitions.some((partition) => partition.more);
  const last = page.at(-1);
  return {
    ticketIds: page.map((row) => row.ticketId),
    next: more && last ? { updatedAt: last.updatedAt, ticketId: last.ticketId } : null,
  };
}

async function pageOfStatus(deps: Deps, status: TicketStatus, request: MergedPageRequest): Promise<{ rows: IndexRow[]; more: boolean }> {
  const query = deps.store.entities.ticket.query.byStatus({ orgId: request.orgId, status }) as unknown as RangeQuery;
  const { keyed, inclusiveOf } = rangeAfter(query, request);
  // An inclusive bound reads the cursor's own ticket again: one more item, dropped below.
  const count = request.limit + (inclusiveOf ? 1 : 0);
  const { data, cursor } = await withConditions(keyed, request.conditions).go({
    count,
    // With filters, a single index reads pages of 100 (list-tickets.ts); eight partitions side by
    // side read smaller ones, so a page that matches early does not read eight hundred entries.
    limit: request.conditions.length === 0 ? count : Math.min(100, Math.max(20, 2 * count)),
    order: request.order,
  });
  const rows = (data as IndexRow[]).filter((row) => !inclusiveOf || sortKeyOf(row) !== sortKeyOf(inclusiveOf));
  return { rows, more: cursor !== null };
}

/** The sort-key range of one partition: the time filters, narrowed to what follows the cursor. */
function rangeAfter(query: RangeQuery, { order, range, after }: MergedPageRequest): { keyed: Filterable; inclusiveOf?: ListPosition } {
  const { from, to } = keyBounds(range);
  if (!after) {
    if (from && to) return { keyed: query.between({ updatedAt: from }, { updatedAt: to }) };
    if (from) return { keyed: query.gte({ updatedAt: from }) };
    if (to) return { keyed: query.lte({ updatedAt: to }) };
    return { keyed: query };
  }
  const position = { updatedAt: after.updatedAt, ticketId: after.ticketId };
  if (order === 'desc') {
    return from ? { keyed: query.between({ updatedAt: from }, position), inclusiveOf: after } : { keyed: query.lt(position) };
  }
  return to ? { keyed: query.between(position, { updatedAt: to }), inclusiveOf: after } : { keyed: query.gt(position) };
}

/** A row's place in the index's order: its sort key's composites, cased as ElectroDB stores keys. */
const sortKeyOf = (row: IndexRow) => `${row.updatedAt}#${row.ticketId}`.toLowerCase();

/** The cursor's text for a position, and back. */
export const positionText = (position: ListPosition) => JSON.stringify([position.updatedAt, position.ticketId]);

/** @throws InvalidCursorError when the text is not a position this list issued. */
export function positionOf(text: string): ListPosition {
  try {
    const [updatedAt, ticketId] = JSON.parse(text) as unknown[];
    if (typeof updatedAt === 'string' && !Number.isNaN(Date.parse(updatedAt)) && typeof ticketId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(ticketId)) {
      return { updatedAt, ticketId };
    }
  } catch {
    // not a position: below
  }
  throw new InvalidCursorError();
}
