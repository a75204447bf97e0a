import { StatsBreakdown, StatsOverview, StatsRangeQuery, StatsTimeseries, StatsTimeseriesQuery } from '../../../schemas/analytics';
import { ROLLUP_EVENT_TYPES } from '../../domain/analytics/rollup';
import { COMMON_ERRORS, type HttpGroupSpec, type HttpRouteSpec, type ManifestRuleSpec, type QueueSpec, STAFF } from '../spec';
import type { QueueName } from '../queue-names';

/** The analytics feature (issue 18): rollups from ticket events and the stats API over them. */
export const ANALYTICS_GROUPS = {
  stats: { entry: 'functions/handlers/http/stats.ts', memoryMb: 512, timeoutSeconds: 15 },
} as const satisfies Record<string, HttpGroupSpec>;

const RANGE = '`from`/`to` are local dates (inclusive) in `tz` (default UTC), at most 366 days apart';

const breakdown = <const Op extends string, const P extends string>(operationId: Op, path: P, what: string) => ({
  operationId, method: 'GET' as const, path, group: 'stats' as const, roles: STAFF,
  summary: `The overview's measures per ${what} over the range (${RANGE})`,
  request: { query: StatsRangeQuery },
  responses: { 200: { description: `One line per ${what}`, schema: StatsBreakdown }, ...COMMON_ERRORS },
});

export const ANALYTICS_ROUTES = [
  {
    operationId: 'getStatsOverview', method: 'GET', path: '/v1/stats/overview', group: 'stats', roles: STAFF,
    summary: `Created, resolved, closed, reopened, response and resolution times, SLA, CSAT over the range, and the backlog now (${RANGE})`,
    request: { query: StatsRangeQuery },
    responses: { 200: { description: 'The measures', schema: StatsOverview }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getStatsTimeseries', method: 'GET', path: '/v1/stats/timeseries', group: 'stats', roles: STAFF,
    summary: `One metric per day or hour (hourly: at most 31 days) over the range (${RANGE})`,
    request: { query: StatsTimeseriesQuery },
    responses: { 200: { description: 'The points', schema: StatsTimeseries }, ...COMMON_ERRORS },
  },
  breakdown('getStatsAgents', '/v1/stats/agents', 'agent (an agent sees their own line only)'),
  breakdown('getStatsDepartments', '/v1/stats/departments', 'department'),
  breakdown('getStatsChannels', '/v1/stats/channels', 'channel'),
  breakdown('getStatsCategories', '/v1/stats/categories', 'category'),
] as const satisfies readonly HttpRouteSpec[];

export const ANALYTICS_RULES: readonly ManifestRuleSpec[] = [
  {
    name: 'stats-rollup',
    description: 'Adds each ticket event to the organization\'s day and hour stats cells and the backlog (once per event id)',
    detailTypes: ROLLUP_EVENT_TYPES,
    target: { kind: 'function', entry: 'functions/handlers/events/stats-rollup.ts', memoryMb: 256, timeoutSeconds: 30 },
  },
];

export const ANALYTICS_QUEUES = {} as const satisfies Partial<Record<QueueName, QueueSpec>>;
