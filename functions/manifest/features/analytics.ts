import {
  ErasureResult, ExportAccepted, ExportIdParams, ExportRequestBody, ExportView, PrivacyRequestBody, StatsBreakdown, StatsOverview, StatsRangeQuery,
  StatsTimeseries, StatsTimeseriesQuery,
} from '../../../schemas/analytics';
import { STAFF_ROLES } from '../../../schemas/roles';
import { ROLLUP_EVENT_TYPES } from '../../domain/analytics/contribution';
import { COMMON_ERRORS, type HttpGroupSpec, type HttpRouteSpec, type ManifestRuleSpec, type QueueSpec, STAFF, problem } from '../spec';
import type { QueueName } from '../queue-names';

/** The analytics feature (issue 18): rollups from ticket events and the stats API over them. */
export const ANALYTICS_GROUPS = {
  stats: { entry: 'functions/handlers/http/stats.ts', memoryMb: 512, timeoutSeconds: 15 },
  // Export links are presigned GETs of the attachments bucket (where the worker writes the files).
  exports: { entry: 'functions/handlers/http/exports.ts', memoryMb: 256, timeoutSeconds: 10, needs: ['attachments'] },
  // Erasure deletes the requester's files and raw mails, synchronously: bounded by the requester's tickets.
  privacy: { entry: 'functions/handlers/http/privacy.ts', memoryMb: 512, timeoutSeconds: 60, needs: ['attachments', 'attachments-erase', 'mail-bucket', 'mail-bucket-erase'] },
} as const satisfies Record<string, HttpGroupSpec>;

const SUPERVISORS = ['admin', 'supervisor'] as const;
const ADMIN = ['admin'] as const;
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
  {
    operationId: 'createExport', method: 'POST', path: '/v1/exports', group: 'exports', roles: SUPERVISORS,
    summary: 'Export tickets, messages or daily stats of a range as CSV (RFC 4180, UTF-8, header row), written by a worker',
    request: { body: ExportRequestBody },
    responses: { 202: { description: 'Accepted: poll GET /v1/exports/{exportId}', schema: ExportAccepted }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getExport', method: 'GET', path: '/v1/exports/{exportId}', group: 'exports', roles: SUPERVISORS,
    summary: 'An export\'s status; when done, its row count and a download link valid for 5 minutes',
    request: { params: ExportIdParams },
    responses: { 200: { description: 'The export', schema: ExportView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'createPrivacyExport', method: 'POST', path: '/v1/privacy/exports', group: 'exports', roles: ADMIN,
    summary: 'Export everything kept about a requester (tickets, messages, ratings, attachment lists) as a JSON bundle; poll GET /v1/exports/{exportId}',
    request: { body: PrivacyRequestBody },
    responses: { 202: { description: 'Accepted', schema: ExportAccepted }, ...COMMON_ERRORS },
  },
  {
    operationId: 'createPrivacyErasure', method: 'POST', path: '/v1/privacy/erasures', group: 'privacy', roles: ADMIN,
    summary: 'Erase a requester: name, email, phone and their message bodies replaced, files and raw mails deleted, tracking links revoked; tickets stay for statistics. Idempotent',
    request: { body: PrivacyRequestBody },
    responses: {
      200: { description: 'What was erased', schema: ErasureResult }, ...COMMON_ERRORS,
      409: problem('The organization\'s legal hold is on (`legal-hold`)'),
    },
  },
] as const satisfies readonly HttpRouteSpec[];

export const ANALYTICS_RULES: readonly ManifestRuleSpec[] = [
  {
    name: 'stats-rollup',
    description: 'Adds each ticket event to the organization\'s day and hour stats cells and the backlog (once per event id)',
    detailTypes: ROLLUP_EVENT_TYPES,
    // A message counts only as a first response, which only staff give (contributionOf): customers' replies stay asleep.
    detail: {
      $or: [
        { type: ['ticket.created', 'ticket.status.changed', 'ticket.rated'] },
        { type: ['ticket.message.added'], actor: { role: [...STAFF_ROLES] } },
      ],
    },
    // A queue, so that a batch of events is applied together: the cells one organization's events
    // share are written once with the sums. By construction: each event's marker commits with the
    // cells' ADDs, so a redelivery fails its condition and adds nothing (test/e2e/analytics.test.ts
    // "counts a redelivered event once", test/integration/domain/analytics/rollup.test.ts).
    target: { kind: 'queue', queue: 'stats-rollup', body: 'event' },
  },
  {
    name: 'weekly-summary-schedule',
    description: 'Keeps the organization\'s one weekly-summary schedule in line with its settings (created, updated, deleted when off)',
    detailTypes: ['job.analytics.weekly-schedule'],
    target: { kind: 'queue', queue: 'weekly-summary-schedules', body: 'job-data' },
  },
  {
    name: 'analytics-export-jobs',
    description: 'Hands each accepted export (an outbox job) to the export worker\'s queue',
    detailTypes: ['job.analytics.export'],
    target: { kind: 'queue', queue: 'analytics-exports', body: 'job-data' },
  },
];

export const ANALYTICS_QUEUES = {
  // Analytics are read by people: up to 20 s of lag buys merged writes. 100 events a batch keep a
  // batch's transactions few and well inside the 30 s timeout (a sixth of the visibility timeout),
  // and 100 of the largest events (a 32 KB message body) well inside Lambda's 6 MB payload.
  'stats-rollup': {
    consumerEntry: 'functions/handlers/sqs/stats-rollup.ts', batchSize: 100, batchingWindowSeconds: 20, visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5, memoryMb: 256,
  },
  // Convergent (each record re-reads the settings): a batch is cheap and a retry harmless.
  'weekly-summary-schedules': {
    consumerEntry: 'functions/handlers/sqs/weekly-summary-schedule.ts', batchSize: 10, visibilityTimeoutSeconds: 60, maxReceiveCount: 5,
    memoryMb: 256, needs: ['scheduler'],
  },
  // One export per message: the worker pages through the organization's tickets.
  'analytics-exports': {
    consumerEntry: 'functions/handlers/sqs/analytics-export.ts', batchSize: 1, visibilityTimeoutSeconds: 900, maxReceiveCount: 3,
    memoryMb: 1024, needs: ['attachments'],
  },
} as const satisfies Partial<Record<QueueName, QueueSpec>>;
