import {
  ConflictException, CreateScheduleCommand, type CreateScheduleCommandInput, DeleteScheduleCommand, ResourceNotFoundException, type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { RecurringSchedule, RecurringScheduler, WeeklyAt } from '../domain/ports/recurring-scheduler';
import { emptyCounters, type TimerScheduler, type SchedulerCounters, type Timer } from '../domain/ports/timer-scheduler';

export interface ScheduleTarget {
  groupName: string;
  targetArn: string;
  roleArn: string;
  /** Firings the target keeps failing go here (the schedule's `DeadLetterConfig`). */
  deadLetterArn?: string;
}

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, rounded up to the second so a timer never fires early. */
export function atExpression(at: Date): string {
  const ms = Math.ceil(at.getTime() / 1000) * 1000;
  return `at(${new Date(ms).toISOString().slice(0, 19)})`;
}

/**
 * EventBridge Scheduler: one one-time schedule per timer, deleted by Scheduler after it runs.
 * A redelivered event re-creating a schedule meets ConflictException; cancelling one that
 * already ran (and deleted itself) meets ResourceNotFoundException: both are success here.
 */
export class EventBridgeTimerScheduler implements TimerScheduler {
  private readonly count: SchedulerCounters = emptyCounters();

  constructor(
    private readonly client: SchedulerClient,
    private readonly target: ScheduleTarget,
  ) {}

  async schedule(timer: Timer): Promise<void> {
    try {
      await this.client.send(
        new CreateScheduleCommand({
          Name: timer.name,
          GroupName: this.target.groupName,
          ScheduleExpression: atExpression(timer.at),
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: this.target.targetArn,
            RoleArn: this.target.roleArn,
            Input: JSON.stringify(timer.payload),
            ...(this.target.deadLetterArn ? { DeadLetterConfig: { Arn: this.target.deadLetterArn } } : {}),
          },
        }),
      );
      this.count.created += 1;
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      this.count.alreadyExisted += 1;
    }
  }

  async cancel(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.target.groupName }));
      this.count.deleted += 1;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      this.count.alreadyGone += 1;
    }
  }

  counters(): SchedulerCounters {
    return { ...this.count };
  }
}

const CRON_DAY: Record<WeeklyAt['day'], string> = {
  sunday: 'SUN', monday: 'MON', tuesday: 'TUE', wednesday: 'WED', thursday: 'THU', friday: 'FRI', saturday: 'SAT',
};

/** `cron(0 8 ? * MON *)`: minute 0 of the hour on the weekday (read in the schedule's time zone). */
export const weeklyCronExpression = (weekly: WeeklyAt) => `cron(0 ${weekly.hour} ? * ${CRON_DAY[weekly.day]} *)`;

/**
 * EventBridge Scheduler recurring schedules (an organization's weekly summary): a cron
 * expression in the organization's time zone, in the timers' group and invoking the same target.
 * The input carries Scheduler's `<aws.scheduler.scheduled-time>`, so a retried firing still
 * knows which week it was for. `upsert` updates the schedule and creates it when there is none
 * (a race between two creates meets ConflictException and updates instead); `remove` of a
 * missing schedule succeeds.
 */
export class EventBridgeRecurringScheduler implements RecurringScheduler {
  constructor(
    private readonly client: SchedulerClient,
    private readonly target: ScheduleTarget,
  ) {}

  private input(schedule: RecurringSchedule): CreateScheduleCommandInput {
    const payload = JSON.stringify({ ...schedule.payload, scheduledAt: '<aws.scheduler.scheduled-time>' });
    return {
      Name: schedule.name,
      GroupName: this.target.groupName,
      ScheduleExpression: weeklyCronExpression(schedule.weekly),
      ScheduleExpressionTimezone: schedule.weekly.timeZone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: this.target.targetArn,
        RoleArn: this.target.roleArn,
        Input: payload,
        ...(this.target.deadLetterArn ? { DeadLetterConfig: { Arn: this.target.deadLetterArn } } : {}),
      },
    };
  }

  async upsert(schedule: RecurringSchedule): Promise<void> {
    const input = this.input(schedule);
    try {
      await this.client.send(new UpdateScheduleCommand(input));
      return;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    try {
      await this.client.send(new CreateScheduleCommand(input));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      await this.client.send(new UpdateScheduleCommand(input));
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.target.groupName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
