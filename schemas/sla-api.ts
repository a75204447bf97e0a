import * as z from 'zod';
import { Id } from './common';
import { SlaCalendar, SlaPolicyConditions, SlaTargetKind, SlaTargets } from './sla-policies';

/** HTTP shapes of the SLA feature: policies, upcoming breaches, ratings. */

export const SlaPolicyView = z
  .object({
    id: z.string(),
    name: z.string(),
    default: z.boolean(),
    calendar: SlaCalendar,
    targets: SlaTargets,
    conditions: SlaPolicyConditions.nullable(),
    order: z.number().int(),
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'SlaPolicy' });
export type SlaPolicyView = z.infer<typeof SlaPolicyView>;

export const SlaPolicyList = z.object({ items: z.array(SlaPolicyView) }).meta({ id: 'SlaPolicyList' });
export const SlaPolicyIdParams = z.strictObject({ policyId: Id });

export const UpcomingBreachesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.iso.datetime().optional().describe('Only breaches due before this instant'),
});
export type UpcomingBreachesQuery = z.infer<typeof UpcomingBreachesQuery>;

export const UpcomingBreach = z
  .object({
    ticketId: z.string(),
    number: z.string(),
    subject: z.string(),
    status: z.string(),
    priority: z.string(),
    assigneeId: z.string().nullable(),
    target: SlaTargetKind,
    dueAt: z.string(),
    policyId: z.string(),
  })
  .meta({ id: 'UpcomingBreach' });
export const UpcomingBreachList = z.object({ items: z.array(UpcomingBreach) }).meta({ id: 'UpcomingBreachList' });

export const RateTicketBody = z
  .strictObject({
    score: z.int().min(1).max(5),
    comment: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'RateTicketBody' });
export type RateTicketBody = z.infer<typeof RateTicketBody>;

export const TicketRating = z
  .object({ ticketId: z.string(), score: z.number().int(), comment: z.string().nullable(), at: z.string() })
  .meta({ id: 'TicketRating' });

export const DevSchedules = z
  .object({
    counters: z.record(z.string(), z.number()),
    pending: z.array(z.object({ name: z.string(), at: z.string(), payload: z.record(z.string(), z.unknown()) })),
  })
  .meta({ id: 'DevSchedules' });
export const DevScheduleBody = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
    at: z.iso.datetime(),
    payload: z.looseObject({ kind: z.enum(['sla', 'auto-close', 'survey']), ticketId: z.string().max(64) }),
  })
  .meta({ id: 'DevScheduleBody' });
export type DevScheduleBody = z.infer<typeof DevScheduleBody>;
export const DevSchedulesQuery = z.strictObject({ ticketId: z.string().max(64).optional() });
