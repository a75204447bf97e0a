import { Entity, type EntityConfiguration } from 'electrodb';
import { TicketStatus } from '../../../schemas/ticket-enums';
import { LAST_BUCKET } from './histogram';

/** The plain counters a stats cell may carry (every one moved only by ADD). */
export const COUNTERS = [
  'created', 'resolved', 'closed', 'reopened',
  'frN', 'frMs', 'frBizN', 'frBizMs', 'resN', 'resMs', 'resBizN', 'resBizMs',
  'slaFrMet', 'slaFrBreached', 'slaResMet', 'slaResBreached',
  'csatN', 'csatSum', 'csat1', 'csat2', 'csat3', 'csat4', 'csat5',
] as const;
export type Counter = (typeof COUNTERS)[number];

/** The four duration histograms: first response and resolution, wall-clock and business time. */
export const HISTOGRAMS = ['frH', 'frBizH', 'resH', 'resBizH'] as const;
export type Histogram = (typeof HISTOGRAMS)[number];
export const histogramAttribute = (histogram: Histogram, bucket: number) => `${histogram}${bucket}`;

/** Backlog gauges, one per status, on the org's `backlog` line. */
export const backlogAttribute = (status: string) => `bl_${status}`;

/** The dimensions a cell of the `all` line names the values of (string sets), so breakdowns know their lines. */
export const DIMENSIONS = ['agent', 'channel', 'category', 'department', 'priority'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const valuesAttribute = (dimension: Dimension) => `${dimension}Values`;

const numberAttribute = { type: 'number' } as const;
const generated: Record<string, typeof numberAttribute> = Object.fromEntries([
  ...COUNTERS.map((name) => [name, numberAttribute]),
  ...HISTOGRAMS.flatMap((histogram) =>
    Array.from({ length: LAST_BUCKET + 1 }, (_v, bucket) => [histogramAttribute(histogram, bucket), numberAttribute])),
  ...TicketStatus.options.map((status) => [backlogAttribute(status), numberAttribute]),
]);
const sets = Object.fromEntries(DIMENSIONS.map((dimension) => [valuesAttribute(dimension), { type: 'set', items: 'string' } as const]));

/**
 * One rollup cell: the measures of one organization's line (`all`, `agent#<id>`,
 * `channel#<name>`, ..., or `backlog`) for one period (`D` a UTC day, `H` a UTC hour, `G` the
 * backlog gauge) in one shard. An event picks its shard from its id, so concurrent events
 * spread over SHARDS items per line and period instead of contending on one; readers add the
 * shards up. Cells are only ever moved by ADD (never read-modify-write), in the same
 * transaction as the event's marker. A line's cells share a partition, sorted by period, so
 * any range is one Query.
 */
export const statsCellEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'statsCell', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        line: { type: 'string', required: true, readOnly: true },
        grain: { type: ['D', 'H', 'G'] as const, required: true, readOnly: true },
        period: { type: 'string', required: true, readOnly: true },
        shard: { type: 'string', required: true, readOnly: true },
        ...generated,
        ...sets,
        ttl: { type: 'number' },
      },
      indexes: {
        byLine: {
          pk: { field: 'pk', composite: ['orgId', 'line'], casing: 'none' },
          sk: { field: 'sk', composite: ['grain', 'period', 'shard'], casing: 'none' },
        },
      },
    },
    config,
  );

export type StatsCellEntity = ReturnType<typeof statsCellEntity>;
/** A cell as read back: its key parts and whatever measures it has. */
export type StatsCell = { line: string; grain: string; period: string; shard: string } & Record<string, unknown>;
