import {
  ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, type SchedulerClient,
} from '@aws-sdk/client-scheduler';
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
