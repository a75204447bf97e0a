import type { TimerPayload } from '../timers/plan-timers';

export type { TimerPayload };

/** A one-time timer: its deterministic name is its identity (schedule names are unique in the group). */
export interface Timer {
  name: string;
  at: Date;
  payload: TimerPayload;
}

/** Calls made and their outcomes, for the benchmark (schedules created/deleted per lifecycle). */
export interface SchedulerCounters {
  created: number;
  alreadyExisted: number;
  deleted: number;
  alreadyGone: number;
}

/**
 * One-time timers (EventBridge Scheduler in AWS, a persisted stand-in locally). Both calls
 * are idempotent: scheduling an existing name and cancelling a missing one succeed quietly.
 */
export interface TimerScheduler {
  schedule(timer: Timer): Promise<void>;
  cancel(name: string): Promise<void>;
}

export const emptyCounters = (): SchedulerCounters => ({ created: 0, alreadyExisted: 0, deleted: 0, alreadyGone: 0 });
