import {
  ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgeTimerScheduler, atExpression } from '../../../../functions/adapters/timer-scheduler.eventbridge';
import type { Timer } from '../../../../functions/domain/ports/timer-scheduler';

const target = {
  groupName: 'helpdesk-timers',
  targetArn: 'arn:aws:lambda:eu-west-1:123456789012:function:timer-fired',
  roleArn: 'arn:aws:iam::123456789012:role/scheduler-invoke',
};
const timer: Timer = {
  name: 'sla-01JTESTTICKET0000000000000-fr-b-v3',
  at: new Date('2026-05-04T10:00:00.250Z'),
  payload: { kind: 'sla', orgId: 'org_a', ticketId: '01JTESTTICKET0000000000000', target: 'firstResponse', stage: 'breach', slaVersion: 3 },
};
const mock = mockClient(SchedulerClient);

describe('the EventBridge Scheduler adapter', () => {
  beforeEach(() => mock.reset());

  it('creates a one-time schedule in UTC that deletes itself after running, aimed at the timer target', async () => {
    mock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });
    const scheduler = new EventBridgeTimerScheduler(new SchedulerClient({ region: 'eu-west-1' }), target);
    await scheduler.schedule(timer);
    expect(mock.commandCalls(CreateScheduleCommand)).toHaveLength(1);
    expect(mock.commandCalls(CreateScheduleCommand)[0].args[0].input).toEqual({
      Name: 'sla-01JTESTTICKET0000000000000-fr-b-v3',
      GroupName: 'helpdesk-timers',
      ScheduleExpression: 'at(2026-05-04T10:00:01)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: target.targetArn, RoleArn: target.roleArn, Input: JSON.stringify(timer.payload) },
    });
    expect(scheduler.counters()).toEqual({ created: 1, alreadyExisted: 0, deleted: 0, alreadyGone: 0 });
  });

  it('names the dead-letter queue in the target when one is configured', async () => {
    mock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });
    const deadLetterArn = 'arn:aws:sqs:eu-west-1:123456789012:timers-dlq';
    await new EventBridgeTimerScheduler(new SchedulerClient({ region: 'eu-west-1' }), { ...target, deadLetterArn }).schedule(timer);
    expect(mock.commandCalls(CreateScheduleCommand)[0].args[0].input.Target).toEqual({
      Arn: target.targetArn, RoleArn: target.roleArn, Input: JSON.stringify(timer.payload), DeadLetterConfig: { Arn: deadLetterArn },
    });
  });

  it('treats an existing schedule of the same name as done (a redelivered event)', async () => {
    mock.on(CreateScheduleCommand).rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    const scheduler = new EventBridgeTimerScheduler(new SchedulerClient({ region: 'eu-west-1' }), target);
    await expect(scheduler.schedule(timer)).resolves.toBeUndefined();
    expect(scheduler.counters().alreadyExisted).toBe(1);
  });

  it('deletes by name in the group, and a schedule already gone (it ran) is fine', async () => {
    mock.on(DeleteScheduleCommand).resolvesOnce({}).rejectsOnce(new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} }));
    const scheduler = new EventBridgeTimerScheduler(new SchedulerClient({ region: 'eu-west-1' }), target);
    await scheduler.cancel('a');
    await scheduler.cancel('b');
    expect(mock.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: 'a', GroupName: 'helpdesk-timers' },
      { Name: 'b', GroupName: 'helpdesk-timers' },
    ]);
    expect(scheduler.counters()).toEqual({ created: 0, alreadyExisted: 0, deleted: 1, alreadyGone: 1 });
  });

  it('lets other failures through, so the event is retried', async () => {
    mock.on(CreateScheduleCommand).rejects(new Error('throttled'));
    const scheduler = new EventBridgeTimerScheduler(new SchedulerClient({ region: 'eu-west-1' }), target);
    await expect(scheduler.schedule(timer)).rejects.toThrow('throttled');
  });

  it('writes at() to the second, never earlier than the due time', () => {
    expect(atExpression(new Date('2026-12-31T23:59:59.000Z'))).toBe('at(2026-12-31T23:59:59)');
    expect(atExpression(new Date('2026-12-31T23:59:59.001Z'))).toBe('at(2027-01-01T00:00:00)');
  });
});
