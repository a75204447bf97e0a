import type { FunctionSpec } from './spec';

/**
 * One-time timers (SLA warnings and breaches, auto-close, surveys) and each organization's one
 * recurring weekly-summary schedule: EventBridge Scheduler schedules in one group, all invoking
 * one target function with the timer's own input (the weekly summary mails: 'mail-send').
 * CDK creates the group, the target and the role Scheduler assumes, and passes them to
 * functions that `need` 'scheduler' as SCHEDULE_GROUP, SCHEDULE_TARGET_ARN, SCHEDULE_ROLE_ARN.
 * Locally a persisted stand-in fires the same target on the local clock.
 */
export const SCHEDULES = {
  groupName: 'helpdesk-timers',
  target: {
    entry: 'functions/handlers/schedules/timer-fired.ts',
    memoryMb: 512,
    timeoutSeconds: 30,
    needs: ['scheduler', 'mail-send'],
  } satisfies FunctionSpec,
} as const;
