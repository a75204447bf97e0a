import * as z from 'zod';
import { TicketPriority, TicketStatus } from './ticket-enums';
import { MAX_HOURLY_DAYS, MAX_RANGE_DAYS, daysBetween, isIsoDate, isTimeZone } from '../functions/domain/analytics/stats-range';

const IsoDate = z.string().refine(isIsoDate, 'must be an ISO date (YYYY-MM-DD) in the years 1000-9998');

const rangeChecks = <T extends { from: string; to: string; tz: string }>(value: T, ctx: z.RefinementCtx, maxDays = MAX_RANGE_DAYS) => {
  if (!isTimeZone(value.tz)) ctx.addIssue({ code: 'custom', path: ['tz'], message: 'must be an IANA time zone such as Europe/Berlin' });
  if (!isIsoDate(value.from) || !isIsoDate(value.to)) return;
  const days = daysBetween(value.from, value.to);
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (days > maxDays) ctx.addIssue({ code: 'custom', path: ['to'], message: `the range may span at most ${maxDays} days` });
};

const rangeShape = {
  from: IsoDate.describe('First local date of the range (inclusive)'),
  to: IsoDate.describe(`Last local date of the range (inclusive); at most ${MAX_RANGE_DAYS} days after from`),
  tz: z.string().default('UTC').describe('IANA time zone the dates are in'),
};

export const StatsRangeQuery = z.strictObject(rangeShape).superRefine((value, ctx) => rangeChecks(value, ctx)).meta({ id: 'StatsRangeQuery' });
export type StatsRangeQuery = z.infer<typeof StatsRangeQuery>;

export const STATS_METRICS = [
  'created', 'resolved', 'closed', 'reopened',
  'firstResponseCount', 'firstResponseAvgSeconds', 'firstResponseP50Seconds', 'firstResponseP90Seconds',
  'resolutionCount', 'resolutionAvgSeconds', 'resolutionP50Seconds', 'resolutionP90Seconds',
  'slaFirstResponseRate', 'slaResolutionRate', 'csatCount', 'csatAverage',
] as const;
export const StatsMetric = z.enum(STATS_METRICS).meta({ id: 'StatsMetric' });
export type StatsMetric = z.infer<typeof StatsMetric>;

export const StatsTimeseriesQuery = z
  .strictObject({ ...rangeShape, metric: StatsMetric, interval: z.enum(['day', 'hour']).default('day') })
  .superRefine((value, ctx) => rangeChecks(value, ctx, value.interval === 'hour' ? MAX_HOURLY_DAYS : MAX_RANGE_DAYS))
  .meta({ id: 'StatsTimeseriesQuery' });
export type StatsTimeseriesQuery = z.infer<typeof StatsTimeseriesQuery>;

const Seconds = z.number().nullable();
const DurationStats = z.object({
  count: z.number().int(),
  avgSeconds: Seconds,
  p50Seconds: Seconds.describe('From the summed histogram: within one bucket of the exact value'),
  p90Seconds: Seconds,
});
const DurationMeasure = DurationStats.extend({
  business: DurationStats.describe('The same in business time, for tickets under an SLA policy'),
}).meta({ id: 'StatsDuration' });
const SlaTargetStats = z.object({ met: z.number().int(), breached: z.number().int(), rate: z.number().nullable().describe('met / (met + breached)') });

export const StatsMeasures = z
  .object({
    created: z.number().int(),
    resolved: z.number().int(),
    closed: z.number().int(),
    reopened: z.number().int(),
    firstResponse: DurationMeasure,
    resolution: DurationMeasure,
    sla: z.object({ firstResponse: SlaTargetStats, resolution: SlaTargetStats }),
    csat: z.object({
      count: z.number().int(),
      average: z.number().nullable(),
      distribution: z.record(z.enum(['1', '2', '3', '4', '5']), z.number().int()),
    }),
  })
  .meta({ id: 'StatsMeasures' });
export type StatsMeasures = z.infer<typeof StatsMeasures>;

const RangeEcho = { from: z.string(), to: z.string(), tz: z.string() };

export const StatsOverview = StatsMeasures.extend({
  ...RangeEcho,
  backlog: z.object({ byStatus: z.record(z.string(), z.number().int()).describe('Tickets in each status now') }),
}).meta({ id: 'StatsOverview' });
export type StatsOverview = z.infer<typeof StatsOverview>;

export const StatsBreakdown = z
  .object({ ...RangeEcho, items: z.array(StatsMeasures.extend({ key: z.string().describe('The agent, department, channel or category') })) })
  .meta({ id: 'StatsBreakdown' });
export type StatsBreakdown = z.infer<typeof StatsBreakdown>;

export const StatsTimeseries = z
  .object({
    ...RangeEcho,
    metric: StatsMetric,
    interval: z.enum(['day', 'hour']),
    points: z.array(z.object({ start: z.string().describe('ISO instant the interval begins'), date: z.string().optional(), value: z.number().nullable() })),
  })
  .meta({ id: 'StatsTimeseries' });
export type StatsTimeseries = z.infer<typeof StatsTimeseries>;

export const EXPORT_KINDS = ['tickets', 'messages', 'stats'] as const;
export const ExportFilters = z
  .strictObject({
    status: TicketStatus.optional(),
    priority: TicketPriority.optional(),
    channel: z.string().min(1).max(32).optional(),
    category: z.string().min(1).max(100).optional(),
    departmentId: z.string().min(1).max(64).optional(),
  })
  .meta({ id: 'ExportFilters' });
export type ExportFilters = z.infer<typeof ExportFilters>;

export const ExportRequestBody = z
  .strictObject({
    kind: z.enum(EXPORT_KINDS).describe('tickets: one row per ticket created in the range; messages: one per message of those tickets; stats: one per day'),
    ...rangeShape,
    filters: ExportFilters.optional().describe('tickets and messages: only tickets matching every filter'),
  })
  .superRefine((value, ctx) => rangeChecks(value, ctx))
  .meta({ id: 'ExportRequestBody' });
export type ExportRequestBody = z.infer<typeof ExportRequestBody>;

export const ExportAccepted = z.object({ exportId: z.string() }).meta({ id: 'ExportAccepted' });
export const ExportIdParams = z.strictObject({ exportId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not an export id') });

export const ExportView = z
  .object({
    exportId: z.string(),
    kind: z.enum([...EXPORT_KINDS, 'privacy']),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    rows: z.number().int().optional().describe('Data rows written (CSV: without the header; privacy: tickets in the bundle)'),
    url: z.string().optional().describe('When done: a short-lived download of the file'),
    expiresAt: z.string().optional().describe('When `url` stops working; GET again for a fresh one'),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
  })
  .meta({ id: 'Export' });
export type ExportView = z.infer<typeof ExportView>;

export const PrivacyRequestBody = z.strictObject({ email: z.email().max(254).describe('The requester\'s email address') }).meta({ id: 'PrivacyRequestBody' });
export type PrivacyRequestBody = z.infer<typeof PrivacyRequestBody>;

export const ErasureResult = z
  .object({
    tickets: z.number().int().describe('Tickets whose requester was erased by this call (0 when already erased: idempotent)'),
    messages: z.number().int(),
    attachments: z.number().int(),
    rawMails: z.number().int(),
    mailParticipants: z.number().int().describe('Mail participant records of the requester\'s address on their tickets, deleted'),
    mailOptOuts: z.number().int().describe('The requester\'s mail opt-outs, deleted'),
    metaContacts: z.number().int().describe('WhatsApp/Instagram contact records pointing at their tickets, deleted'),
    webhookDeliveries: z.number().int().describe('Stored webhook delivery payloads of their tickets\' events, scrubbed'),
    erasedAt: z.string(),
  })
  .meta({ id: 'ErasureResult' });
export type ErasureResult = z.infer<typeof ErasureResult>;
