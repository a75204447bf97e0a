import type {
  StatsBreakdown, StatsMeasures, StatsMetric, StatsOverview, StatsRangeQuery, StatsTimeseries, StatsTimeseriesQuery,
} from '../../../schemas/analytics';
import { TicketStatus } from '../../../schemas/ticket-enums';
import { type Caller, isStaff, isSupervisor } from '../caller';
import { ForbiddenError } from '../errors';
import type { Deps } from '../store/store';
import { type Buckets, LAST_BUCKET, percentileOf } from './histogram';
import { lineOf } from './contribution';
import { type Dimension, type Histogram, backlogAttribute, histogramAttribute, valuesAttribute } from './stats.entities';
import { DAY, HOUR, type Segment, hourSegmentOf, localDateOf, segmentsOf, startOfLocalDay } from './stats-range';

/** Summed measures of some cells: counters by attribute name, and the dimension values seen. */
export interface Totals {
  n: Record<string, number>;
  values: Partial<Record<Dimension, Set<string>>>;
}

const emptyTotals = (): Totals => ({ n: {}, values: {} });
const KEY_FIELDS = new Set(['orgId', 'line', 'grain', 'period', 'shard', 'ttl']);

/** Adds one cell into `totals`. */
export function addCell(totals: Totals, cell: Record<string, unknown>): Totals {
  for (const [name, value] of Object.entries(cell)) {
    if (KEY_FIELDS.has(name)) continue;
    if (typeof value === 'number') totals.n[name] = (totals.n[name] ?? 0) + value;
    else if (Array.isArray(value) || value instanceof Set) {
      const dimension = name.replace(/Values$/, '') as Dimension;
      const set = (totals.values[dimension] ??= new Set());
      for (const item of value as Iterable<string>) set.add(item);
    }
  }
  return totals;
}

type Cell = Record<string, unknown> & { period: string };

/** The cells of one line in one segment (every shard): one Query, paged. */
async function cellsOf(deps: Deps, orgId: string, line: string, segment: Segment): Promise<Cell[]> {
  const { data } = await deps.store.entities.statsCell.query
    .byLine({ orgId, line })
    .between({ grain: segment.grain, period: segment.from } as never, { grain: segment.grain, period: `${segment.to}~` } as never)
    .go({ pages: 'all' });
  return data as unknown as Cell[];
}

async function totalsOf(deps: Deps, orgId: string, line: string, segments: Segment[]): Promise<Totals> {
  const totals = emptyTotals();
  for (const cells of await Promise.all(segments.map((segment) => cellsOf(deps, orgId, line, segment)))) {
    for (const cell of cells) addCell(totals, cell);
  }
  return totals;
}

function histogramOf(totals: Totals, histogram: Histogram): Buckets {
  const buckets: Buckets = {};
  for (let bucket = 0; bucket <= LAST_BUCKET; bucket++) {
    const count = totals.n[histogramAttribute(histogram, bucket)];
    if (count) buckets[bucket] = count;
  }
  return buckets;
}

function durationStats(totals: Totals, count: string, sumMs: string, histogram: Histogram) {
  const n = totals.n[count] ?? 0;
  const buckets = histogramOf(totals, histogram);
  return {
    count: n,
    avgSeconds: n ? Math.round((totals.n[sumMs] ?? 0) / n) / 1000 : null,
    p50Seconds: percentileOf(buckets, 0.5),
    p90Seconds: percentileOf(buckets, 0.9),
  };
}

const rate = (met: number, breached: number) => (met + breached ? Math.round((met / (met + breached)) * 10_000) / 10_000 : null);

/** The API's measures of summed cells. Pure. */
export function measuresOf(totals: Totals): StatsMeasures {
  const n = (name: string) => totals.n[name] ?? 0;
  const csatCount = n('csatN');
  return {
    created: n('created'),
    resolved: n('resolved'),
    closed: n('closed'),
    reopened: n('reopened'),
    firstResponse: { ...durationStats(totals, 'frN', 'frMs', 'frH'), business: durationStats(totals, 'frBizN', 'frBizMs', 'frBizH') },
    resolution: { ...durationStats(totals, 'resN', 'resMs', 'resH'), business: durationStats(totals, 'resBizN', 'resBizMs', 'resBizH') },
    sla: {
      firstResponse: { met: n('slaFrMet'), breached: n('slaFrBreached'), rate: rate(n('slaFrMet'), n('slaFrBreached')) },
      resolution: { met: n('slaResMet'), breached: n('slaResBreached'), rate: rate(n('slaResMet'), n('slaResBreached')) },
    },
    csat: {
      count: csatCount,
      average: csatCount ? Math.round((n('csatSum') / csatCount) * 100) / 100 : null,
      distribution: { 1: n('csat1'), 2: n('csat2'), 3: n('csat3'), 4: n('csat4'), 5: n('csat5') },
    },
  };
}

function assertStaff(caller: Caller) {
  if (!isStaff(caller)) throw new ForbiddenError('statistics are for staff');
}

/** The backlog now: the gauge cells (every shard) of the org. */
async function backlogOf(deps: Deps, orgId: string): Promise<Record<string, number>> {
  const { data } = await deps.store.entities.statsCell.query.byLine({ orgId, line: 'backlog' }).begins({ grain: 'G' } as never).go({ pages: 'all' });
  const totals = emptyTotals();
  for (const cell of data) addCell(totals, cell as never);
  return Object.fromEntries(TicketStatus.options.map((status) => [status, Math.max(0, totals.n[backlogAttribute(status)] ?? 0)]));
}

/**
 * The organization's measures over local dates `from`..`to` in `tz`, and the backlog now.
 * Reads only rollup cells (a few Queries), never tickets.
 * @throws ForbiddenError for customers.
 */
export async function statsOverview(deps: Deps, caller: Caller, query: StatsRangeQuery): Promise<StatsOverview> {
  assertStaff(caller);
  return organizationOverview(deps, caller.orgId, query);
}

/** The overview of an organization, for callers that are not a person (the weekly summary). Reads rollups only. */
export async function organizationOverview(deps: Deps, orgId: string, query: StatsRangeQuery): Promise<StatsOverview> {
  const { segments } = segmentsOf(query.from, query.to, query.tz);
  const [totals, byStatus] = await Promise.all([totalsOf(deps, orgId, 'all', segments), backlogOf(deps, orgId)]);
  return { from: query.from, to: query.to, tz: query.tz, ...measuresOf(totals), backlog: { byStatus } };
}

/** Runs `fn` over `items` with at most `limit` at once. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]);
    }
  }));
  return out;
}

/**
 * The measures per agent, department, channel or category over the range: the lines are the
 * values the range's `all` day cells recorded. Supervisors and admins see every agent; an
 * agent sees their own line only (their team's totals are the overview).
 * @throws ForbiddenError for customers.
 */
export async function statsBreakdown(deps: Deps, caller: Caller, dimension: Dimension, query: StatsRangeQuery): Promise<StatsBreakdown> {
  assertStaff(caller);
  const { start, end, segments } = segmentsOf(query.from, query.to, query.tz);
  let keys: string[];
  if (dimension === 'agent' && !isSupervisor(caller)) {
    keys = [caller.userId];
  } else {
    const days: Segment = { grain: 'D', from: new Date(start).toISOString().slice(0, 10), to: new Date(end - 1).toISOString().slice(0, 10) };
    const seen = emptyTotals();
    for (const cell of await cellsOf(deps, caller.orgId, 'all', days)) addCell(seen, cell);
    keys = [...(seen.values[dimension] ?? [])].sort();
  }
  const items = await mapLimited(keys, 8, async (key) => ({
    key, ...measuresOf(await totalsOf(deps, caller.orgId, lineOf(dimension, key), segments)),
  }));
  return { from: query.from, to: query.to, tz: query.tz, items };
}

/** One metric of summed measures. Pure. */
export function metricOf(measures: StatsMeasures, metric: StatsMetric): number | null {
  switch (metric) {
    case 'created': case 'resolved': case 'closed': case 'reopened': return measures[metric];
    case 'firstResponseCount': return measures.firstResponse.count;
    case 'firstResponseAvgSeconds': return measures.firstResponse.avgSeconds;
    case 'firstResponseP50Seconds': return measures.firstResponse.p50Seconds;
    case 'firstResponseP90Seconds': return measures.firstResponse.p90Seconds;
    case 'resolutionCount': return measures.resolution.count;
    case 'resolutionAvgSeconds': return measures.resolution.avgSeconds;
    case 'resolutionP50Seconds': return measures.resolution.p50Seconds;
    case 'resolutionP90Seconds': return measures.resolution.p90Seconds;
    case 'slaFirstResponseRate': return measures.sla.firstResponse.rate;
    case 'slaResolutionRate': return measures.sla.resolution.rate;
    case 'csatCount': return measures.csat.count;
    case 'csatAverage': return measures.csat.average;
  }
}

/**
 * The measures of each interval (local day in `tz`, or UTC hour) over the range. Daily groups
 * come from day cells when the zone's days are UTC days, otherwise from hour cells grouped by
 * local date. Reads only the `all` line's cells.
 */
export async function intervalMeasures(
  deps: Deps, orgId: string, query: { from: string; to: string; tz: string; interval: 'day' | 'hour' },
): Promise<{ start: string; date?: string; measures: StatsMeasures }[]> {
  const { start, end, segments } = segmentsOf(query.from, query.to, query.tz);
  const groups = new Map<string, Totals>();
  const group = (key: string) => groups.get(key) ?? groups.set(key, emptyTotals()).get(key)!;
  const keys: { key: string; start: number; date?: string }[] = [];
  if (query.interval === 'hour') {
    for (let t = start; t < end; t += HOUR) keys.push({ key: new Date(t).toISOString().slice(0, 13), start: t });
    const { segment } = hourSegmentOf(query.from, query.to, query.tz);
    for (const cell of await cellsOf(deps, orgId, 'all', segment)) addCell(group(cell.period), cell);
  } else {
    for (let day = Date.parse(`${query.from}T00:00:00Z`); day <= Date.parse(`${query.to}T00:00:00Z`); day += DAY) {
      const date = new Date(day).toISOString().slice(0, 10);
      keys.push({ key: date, start: startOfLocalDay(date, query.tz), date });
    }
    if (segments.every((segment) => segment.grain === 'D')) {
      for (const cell of await cellsOf(deps, orgId, 'all', segments[0]!)) addCell(group(cell.period), cell);
    } else {
      const { segment } = hourSegmentOf(query.from, query.to, query.tz);
      for (const cell of await cellsOf(deps, orgId, 'all', segment)) addCell(group(localDateOf(Date.parse(`${cell.period}:00:00Z`), query.tz)), cell);
    }
  }
  return keys.map(({ key, start: at, date }) => ({
    start: new Date(at).toISOString(), ...(date ? { date } : {}), measures: measuresOf(groups.get(key) ?? emptyTotals()),
  }));
}

/**
 * One metric per day (local dates in `tz`) or per hour over the range.
 * @throws ForbiddenError for customers.
 */
export async function statsTimeseries(deps: Deps, caller: Caller, query: StatsTimeseriesQuery): Promise<StatsTimeseries> {
  assertStaff(caller);
  const intervals = await intervalMeasures(deps, caller.orgId, query);
  const points = intervals.map(({ start, date, measures }) => ({ start, ...(date ? { date } : {}), value: metricOf(measures, query.metric) }));
  return { from: query.from, to: query.to, tz: query.tz, metric: query.metric, interval: query.interval, points };
}
