import { DateTime, IANAZone } from 'luxon';
import * as z from 'zod';
import { TicketPriority } from './ticket-enums';

/**
 * SLA policies: `POST /v1/sla-policies` and the `sla` block of the ticket view.
 *
 * Choices the product issue left open:
 * - Missing priorities in `targets` fall back to {@link DEFAULT_SLA_TARGETS} (so an org can
 *   override just `critical`); a priority that is given must carry all three targets.
 * - Next-response defaults equal the first-response defaults.
 * - A day may hold several periods; they must not overlap (touching is fine) and each lies
 *   within its day: "24:00" is allowed as an end only. A weekly calendar without any
 *   working minute is rejected, since no deadline could ever fall due.
 */

/** The ticket priorities: SLA targets are set per priority. */
export const SLA_PRIORITIES = TicketPriority.options;
export const SlaPriority = TicketPriority;
export type SlaPriority = TicketPriority;

export const SLA_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type SlaWeekday = (typeof SLA_WEEKDAYS)[number];

/** Upper bound for any target: one year of (business) minutes. */
export const MAX_SLA_TARGET_MINUTES = 525_600;

const TIME_OF_DAY = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "HH:MM" in 24-hour local wall-clock time, "00:00" to "24:00". */
export const SlaTimeOfDay = z
  .string()
  .regex(TIME_OF_DAY, { abort: true, message: 'expected a local time "HH:MM" between 00:00 and 24:00' })
  .meta({ id: 'SlaTimeOfDay', example: '09:00' });
export type SlaTimeOfDay = z.infer<typeof SlaTimeOfDay>;

/** Minutes since local midnight of an already valid "HH:MM". */
function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export const SlaPeriod = z
  .tuple([SlaTimeOfDay, SlaTimeOfDay])
  .superRefine(([start, end], ctx) => {
    if (start === '24:00') {
      ctx.addIssue({ code: 'custom', path: [0], message: '"24:00" is only allowed as the end of a period' });
    } else if (minutesOfDay(end) <= minutesOfDay(start)) {
      ctx.addIssue({ code: 'custom', path: [1], message: `period must end after it starts (${start})` });
    }
  })
  .meta({ id: 'SlaPeriod', description: 'Working period [start, end) in local time.', example: ['09:00', '12:30'] });
export type SlaPeriod = z.infer<typeof SlaPeriod>;

export const SlaDayHours = z
  .array(SlaPeriod)
  .max(12)
  .superRefine((periods, ctx) => {
    const order = periods.map((p, index) => ({ p, index })).sort((a, b) => minutesOfDay(a.p[0]) - minutesOfDay(b.p[0]));
    for (let i = 1; i < order.length; i += 1) {
      const prev = order[i - 1];
      const cur = order[i];
      if (minutesOfDay(cur.p[0]) < minutesOfDay(prev.p[1])) {
        ctx.addIssue({ code: 'custom', path: [cur.index], message: `period overlaps period ${prev.index} of the same day` });
      }
    }
  });
export type SlaDayHours = z.infer<typeof SlaDayHours>;

export const SlaBusinessHours = z
  .strictObject({
    mon: SlaDayHours.optional(),
    tue: SlaDayHours.optional(),
    wed: SlaDayHours.optional(),
    thu: SlaDayHours.optional(),
    fri: SlaDayHours.optional(),
    sat: SlaDayHours.optional(),
    sun: SlaDayHours.optional(),
  })
  .superRefine((hours, ctx) => {
    if (!SLA_WEEKDAYS.some((d) => (hours[d] ?? []).length > 0)) {
      ctx.addIssue({ code: 'custom', message: 'the calendar has no working period on any weekday' });
    }
  })
  .meta({
    id: 'SlaBusinessHours',
    description: 'Working periods per weekday (mon..sun); a missing or empty day is closed.',
    example: { mon: [['09:00', '12:30'], ['13:30', '17:00']] },
  });
export type SlaBusinessHours = z.infer<typeof SlaBusinessHours>;

export const SlaTimezone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => IANAZone.isValidZone(zone), { message: 'unknown IANA time zone' })
  .meta({ id: 'SlaTimezone', example: 'Europe/Berlin' });

export const SlaHoliday = z.string().superRefine((value, ctx) => {
  if (!ISO_DATE.test(value)) ctx.addIssue({ code: 'custom', message: 'expected a date "YYYY-MM-DD"' });
  else if (!DateTime.fromISO(value, { zone: 'utc' }).isValid) ctx.addIssue({ code: 'custom', message: 'no such calendar date' });
});

export const SlaWeeklyCalendar = z
  .strictObject({
    timezone: SlaTimezone,
    hours: SlaBusinessHours,
    holidays: z
      .array(SlaHoliday)
      .max(1000)
      .superRefine((days, ctx) => {
        const seen = new Set<string>();
        days.forEach((day, i) => {
          if (seen.has(day)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate holiday ${day}` });
          seen.add(day);
        });
      })
      .default([])
      .meta({ description: 'Closed local dates (in `timezone`), "YYYY-MM-DD".' }),
  })
  .meta({ id: 'SlaWeeklyCalendar', description: 'Business hours as local wall-clock times in `timezone`.' });
export type SlaWeeklyCalendar = z.infer<typeof SlaWeeklyCalendar>;

export const SlaAlwaysOpen = z.literal('24x7');

/**
 * Either "24x7" or weekly hours. Dispatched on the JSON type by hand: a zod 4 union reports
 * a failure as one composite issue at the union's own path (colinhacks/zod#4165), which
 * would hide e.g. `calendar.hours.mon.0.1` behind `calendar`.
 */
export const SlaCalendar = z
  .preprocess((value, ctx) => {
    if (typeof value !== 'string' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      ctx.addIssue({ code: 'custom', message: 'expected "24x7" or a weekly calendar object' });
      return value;
    }
    const parsed = (typeof value === 'string' ? SlaAlwaysOpen : SlaWeeklyCalendar).safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue } as Parameters<typeof ctx.addIssue>[0]);
    return value;
  }, z.union([SlaAlwaysOpen, SlaWeeklyCalendar]))
  .meta({ id: 'SlaCalendar' });
export type SlaCalendar = z.infer<typeof SlaCalendar>;

const TargetMinutes = z.int().positive().max(MAX_SLA_TARGET_MINUTES);

export const SlaTarget = z
  .strictObject({
    firstResponseMinutes: TargetMinutes,
    nextResponseMinutes: TargetMinutes.meta({ description: 'From a customer message that follows an agent reply.' }),
    resolutionMinutes: TargetMinutes,
  })
  .meta({ id: 'SlaTarget', description: 'Business minutes per target; warning at 75 %, breach at 100 %.' });
export type SlaTarget = z.infer<typeof SlaTarget>;

/** Product defaults (minutes): next response equals first response. */
export const DEFAULT_SLA_TARGETS: Readonly<Record<SlaPriority, Readonly<SlaTarget>>> = Object.freeze({
  critical: Object.freeze({ firstResponseMinutes: 30, nextResponseMinutes: 30, resolutionMinutes: 4 * 60 }),
  urgent: Object.freeze({ firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 8 * 60 }),
  high: Object.freeze({ firstResponseMinutes: 2 * 60, nextResponseMinutes: 2 * 60, resolutionMinutes: 24 * 60 }),
  medium: Object.freeze({ firstResponseMinutes: 4 * 60, nextResponseMinutes: 4 * 60, resolutionMinutes: 48 * 60 }),
  low: Object.freeze({ firstResponseMinutes: 8 * 60, nextResponseMinutes: 8 * 60, resolutionMinutes: 96 * 60 }),
});

/** All five priorities: the shape the domain works with. */
export const SlaTargets = z
  .strictObject({ low: SlaTarget, medium: SlaTarget, high: SlaTarget, urgent: SlaTarget, critical: SlaTarget })
  .meta({ id: 'SlaTargets' });
export type SlaTargets = z.infer<typeof SlaTargets>;

/** Request form: any priority may be left out and takes its default. */
export const SlaTargetsInput = z
  .strictObject({
    low: SlaTarget.optional(),
    medium: SlaTarget.optional(),
    high: SlaTarget.optional(),
    urgent: SlaTarget.optional(),
    critical: SlaTarget.optional(),
  })
  .transform((given): SlaTargets => ({
    low: given.low ?? { ...DEFAULT_SLA_TARGETS.low },
    medium: given.medium ?? { ...DEFAULT_SLA_TARGETS.medium },
    high: given.high ?? { ...DEFAULT_SLA_TARGETS.high },
    urgent: given.urgent ?? { ...DEFAULT_SLA_TARGETS.urgent },
    critical: given.critical ?? { ...DEFAULT_SLA_TARGETS.critical },
  }))
  .meta({
    id: 'SlaTargetsInput',
    description:
      'Targets per priority; a missing priority takes the default (first response / next response / resolution): ' +
      'critical 30/30/240, urgent 60/60/480, high 120/120/1440, medium 240/240/2880, low 480/480/5760 minutes.',
  });

/** Most policies an organization may hold: the list is read whole (one Query) and matched in memory. */
export const MAX_SLA_POLICIES = 50;

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;
const CHANNEL = /^[a-z][a-z0-9_-]*$/;
const distinct = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item).min(1).max(max).refine((list) => new Set(list as unknown[]).size === list.length, 'values must be distinct');

/**
 * When a policy applies to a ticket: every field given must match (each lists the values it
 * accepts); `{}` matches every ticket. Text compares without case; a requester domain also
 * matches its subdomains (`example.com` takes `mail.example.com`).
 */
export const SlaPolicyConditions = z
  .strictObject({
    categories: distinct(z.string().trim().min(1).max(100).describe('A category id (GET /v1/categories)'), 50).optional(),
    priorities: distinct(TicketPriority, 5).optional(),
    channels: distinct(z.string().trim().toLowerCase().min(1).max(32).regex(CHANNEL, 'a channel name such as email or api'), 20).optional(),
    requesterDomains: distinct(z.string().trim().toLowerCase().max(253).regex(DOMAIN, 'a mail domain such as example.com'), 50).optional(),
  })
  .meta({ id: 'SlaPolicyConditions' });
export type SlaPolicyConditions = z.infer<typeof SlaPolicyConditions>;

export const SlaPolicyInput = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    default: z.boolean().default(false).meta({ description: "Make this the organization's default policy." }),
    calendar: SlaCalendar,
    targets: SlaTargetsInput.prefault({}),
    conditions: SlaPolicyConditions.nullable()
      .default(null)
      .meta({ description: 'When set, tickets matching all of them get this policy (first match by `order`); null: the policy applies only as the default.' }),
    order: z.int().min(0).max(10_000).default(100).meta({ description: 'Matching order: lower first, ties by creation.' }),
    enabled: z.boolean().default(true).meta({ description: 'A disabled policy is never chosen by its conditions.' }),
  })
  .meta({ id: 'SlaPolicyInput' });
export type SlaPolicyInput = z.infer<typeof SlaPolicyInput>;

export const SlaTargetKind = z.enum(['firstResponse', 'nextResponse', 'resolution']).meta({ id: 'SlaTargetKind' });
export type SlaTargetKind = z.infer<typeof SlaTargetKind>;

export const SlaBreach = z
  .strictObject({ kind: SlaTargetKind, at: z.iso.datetime().meta({ description: 'When the target fell due.' }) })
  .meta({ id: 'SlaBreach' });
export type SlaBreach = z.infer<typeof SlaBreach>;

/** A staff member's explicit hold on a ticket's SLA clock. */
export const SlaManualPause = z
  .strictObject({
    since: z.iso.datetime(),
    byId: z.string(),
    byName: z.string().optional(),
    reason: z.string(),
  })
  .meta({ id: 'SlaManualPause' });
export type SlaManualPause = z.infer<typeof SlaManualPause>;

/** `POST /v1/tickets/{ticketId}/sla/pause`. */
export const PauseTicketSlaBody = z
  .strictObject({ reason: z.string().trim().min(1).max(500) })
  .meta({ id: 'PauseTicketSlaBody' });
export type PauseTicketSlaBody = z.infer<typeof PauseTicketSlaBody>;

/** `POST /v1/tickets/{ticketId}/sla/resume`. */
export const ResumeTicketSlaBody = z
  .strictObject({ reason: z.string().trim().min(1).max(500).optional() })
  .prefault({})
  .meta({ id: 'ResumeTicketSlaBody' });
export type ResumeTicketSlaBody = z.infer<typeof ResumeTicketSlaBody>;

/** The `sla` block of the ticket view; a due time is null when that clock is done or paused. */
export const TicketSlaView = z
  .strictObject({
    policyId: z.string(),
    firstResponseDueAt: z.iso.datetime().nullable(),
    nextResponseDueAt: z.iso.datetime().nullable(),
    resolutionDueAt: z.iso.datetime().nullable(),
    pausedSince: z.iso.datetime().nullable(),
    breached: z.array(SlaBreach),
    policyReason: z
      .union([
        z.strictObject({ kind: z.literal('conditions'), matched: z.record(z.string(), z.string()) }),
        z.strictObject({ kind: z.literal('default') }),
      ])
      .optional()
      .meta({ description: 'Why the ticket follows this policy: the conditions it matched, or the default.' }),
    manualPause: SlaManualPause.nullable().optional().meta({ description: 'Set while staff hold the clock; a status change does not resume it.' }),
  })
  .meta({ id: 'TicketSlaView' });
export type TicketSlaView = z.infer<typeof TicketSlaView>;
