import type { WEEKDAYS } from '../../../schemas/settings';

export type Weekday = (typeof WEEKDAYS)[number];

/** What a weekly schedule hands the timer target: the organization whose summary is due. */
export interface WeeklySummaryPayload {
  kind: 'weekly-summary';
  orgId: string;
  /** When the firing was due (Scheduler's `<aws.scheduler.scheduled-time>`, the stand-in's own); absent: now. */
  scheduledAt?: string;
}

/** When a weekly schedule fires: a weekday and a whole local hour in an IANA time zone. */
export interface WeeklyAt {
  day: Weekday;
  hour: number;
  timeZone: string;
}

/** A recurring schedule: its deterministic name is its identity (one per organization and purpose). */
export interface RecurringSchedule {
  name: string;
  weekly: WeeklyAt;
  payload: WeeklySummaryPayload;
}

/**
 * Recurring schedules (EventBridge Scheduler `cron(...)` with a time zone in AWS, the persisted
 * stand-in locally, fired on the local clock). `upsert` creates the schedule or replaces its
 * expression and payload, so calling it twice with the same schedule changes nothing; `remove`
 * of a missing name succeeds quietly.
 */
export interface RecurringScheduler {
  upsert(schedule: RecurringSchedule): Promise<void>;
  remove(name: string): Promise<void>;
}
