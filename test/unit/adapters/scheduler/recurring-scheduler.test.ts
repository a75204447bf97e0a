import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, SchedulerClient, UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalClock } from '../../../../bin/local/adapters/local-clock';
import { LocalScheduler, type LocalSchedulePayload } from '../../../../bin/local/adapters/local-scheduler';
import { EventBridgeRecurringScheduler } from '../../../../functions/adapters/timer-scheduler.eventbridge';
import type { RecurringSchedule } from '../../../../functions/domain/ports/recurring-scheduler';

const target = {
  groupName: 'helpdesk-timers',
  targetArn: 'arn:aws:lambda:eu-west-1:123456789012:function:timer-fired',
  roleArn: 'arn:aws:iam::123456789012:role/scheduler-invoke',
};
const schedule: RecurringSchedule = {
  name: 'weekly-summary-org_a',
  weekly: { day: 'monday', hour: 8, timeZone: 'Europe/Berlin' },
  payload: { kind: 'weekly-summary', orgId: 'org_a' },
};
const mock = mockClient(SchedulerClient);
const notFound = () => new ResourceNotFoundException({ message: 'none', Message: 'none', $metadata: {} });

describe('the EventBridge recurring schedule adapter', () => {
  beforeEach(() => mock.reset());
  const scheduler = () => new EventBridgeRecurringScheduler(new SchedulerClient({ region: 'eu-west-1' }), target);

  it('updates the schedule in place: a weekly cron in the organization\'s zone whose input carries the scheduled time', async () => {
    mock.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });
    await scheduler().upsert(schedule);
    expect(mock.commandCalls(CreateScheduleCommand)).toHaveLength(0);
    expect(mock.commandCalls(UpdateScheduleCommand)[0]!.args[0].input).toEqual({
      Name: 'weekly-summary-org_a',
      GroupName: 'helpdesk-timers',
      ScheduleExpression: 'cron(0 8 ? * MON *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: target.targetArn, RoleArn: target.roleArn,
        Input: JSON.stringify({ kind: 'weekly-summary', orgId: 'org_a', scheduledAt: '<aws.scheduler.scheduled-time>' }),
      },
    });
  });

  it('creates it when there is none, and updates after all when a concurrent create won', async () => {
    mock.on(UpdateScheduleCommand).rejectsOnce(notFound()).resolves({ ScheduleArn: 'arn:x' });
    mock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });
    await scheduler().upsert(schedule);
    expect(mock.commandCalls(CreateScheduleCommand)).toHaveLength(1);
    mock.reset();
    mock.on(UpdateScheduleCommand).rejectsOnce(notFound()).resolves({ ScheduleArn: 'arn:x' });
    mock.on(CreateScheduleCommand).rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    await scheduler().upsert(schedule);
    expect(mock.commandCalls(UpdateScheduleCommand)).toHaveLength(2);
  });

  it('removes quietly when the schedule is already gone', async () => {
    mock.on(DeleteScheduleCommand).rejects(notFound());
    await expect(scheduler().remove('weekly-summary-org_a')).resolves.toBeUndefined();
  });
});

describe('the local stand-in\'s recurring schedules', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'recurring-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fires on the local clock with the scheduled time, then moves a week on; an unchanged upsert keeps it, remove deletes it', async () => {
    const clock = new LocalClock(dir);
    const scheduler = new LocalScheduler(dir, clock);
    const fired: LocalSchedulePayload[] = [];
    scheduler.start(async (p) => void fired.push(p));
    await scheduler.upsert(schedule);
    const firstAt = scheduler.pending()[0]!.at;
    const at = Date.parse(firstAt);
    expect(at).toBeGreaterThan(clock.now().getTime());
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)).toBe('Monday 08:00');
    await scheduler.upsert(schedule);
    expect(scheduler.pending().map((t) => t.at)).toEqual([firstAt]);
    clock.advance(at - clock.now().getTime() + 1000);
    await scheduler.drain();
    expect(fired).toEqual([{ kind: 'weekly-summary', orgId: 'org_a', scheduledAt: firstAt }]);
    const [next] = scheduler.pending();
    // A week later (an hour off when daylight saving time changed in between).
    expect(Math.abs(Date.parse(next!.at) - at - 7 * 86_400_000)).toBeLessThanOrEqual(3_600_000);
    await scheduler.upsert({ ...schedule, weekly: { ...schedule.weekly, day: 'friday' } });
    expect(scheduler.pending()).toHaveLength(1);
    await scheduler.remove(schedule.name);
    expect(scheduler.pending()).toEqual([]);
    await scheduler.stop();
  });
});
