/**
 * The slice of ElectroDB's query builder a ticket list uses (its full generic types do not
 * compose across index choices), and the key ranges a list's time filters become.
 */
export type FilterOps = Record<'eq' | 'gte' | 'lte' | 'contains', (attr: unknown, value: unknown) => string>;
/** One filter of a list, as an ElectroDB `where` clause over the index's projected attributes. */
export type ListCondition = (attr: Record<string, unknown>, op: FilterOps) => string;

export interface Runnable {
  go(options: object): Promise<{ data: unknown[]; cursor: string | null }>;
}
export interface Filterable extends Runnable {
  where(fn: (attr: Record<string, unknown>, op: FilterOps) => string): Runnable;
}
export interface RangeQuery extends Filterable {
  gt(v: Record<string, string>): Filterable;
  gte(v: Record<string, string>): Filterable;
  lt(v: Record<string, string>): Filterable;
  lte(v: Record<string, string>): Filterable;
  between(a: Record<string, string>, b: Record<string, string>): Filterable;
}

/** A time range of a list's sort field, as the client gave it (any offset). */
export type TimeRange = { from?: string; to?: string };

export const toUtc = (instant: string) => new Date(instant).toISOString();

/**
 * The range as key bounds: `from` as UTC, `to` as the next millisecond, because the sort key
 * continues with the ticket id after the time, so an upper bound must sort after every key with
 * that time (exclusive in effect).
 */
export function keyBounds(range: TimeRange): { from?: string; to?: string } {
  return {
    from: range.from && toUtc(range.from),
    to: range.to && new Date(Date.parse(range.to) + 1).toISOString(),
  };
}

export function applyRange(query: RangeQuery, field: 'updatedAt' | 'createdAt', range: TimeRange): Filterable {
  const { from, to } = keyBounds(range);
  if (from && to) return query.between({ [field]: from }, { [field]: to });
  if (from) return query.gte({ [field]: from });
  if (to) return query.lte({ [field]: to });
  return query;
}

export function withConditions(query: Filterable, conditions: readonly ListCondition[]): Runnable {
  return conditions.length
    ? query.where((attr, op) => conditions.map((condition) => condition(attr, op)).join(' AND '))
    : query;
}
