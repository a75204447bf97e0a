import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { z } from 'zod';
import { config } from '../../config';
import { SCHEDULE_ENV } from '../../manifest/schedules';
import { runningLocalAdapters } from '..';
import { AwsScheduler } from './scheduler.aws';
import { LocalScheduler } from './scheduler.local';
import type { Scheduler } from './scheduler.port';

export type { Scheduler, SchedulerCounters, Timer, TimerPayload } from './scheduler.port';

let chosen: Scheduler | undefined;

/** The container's scheduler, chosen once: EventBridge Scheduler in AWS, the persisted stand-in locally. */
export function scheduler(): Scheduler {
  chosen ??= config().HELPDESK_RUNTIME === 'local' ? new LocalScheduler(runningLocalAdapters().clock) : awsScheduler();
  return chosen;
}

/** The local runtime's handle on the stand-in it drives. */
export function localScheduler(): LocalScheduler {
  const current = scheduler();
  if (!(current instanceof LocalScheduler)) throw new Error('not running locally');
  return current;
}

function awsScheduler(): Scheduler {
  const env = z
    .object({ [SCHEDULE_ENV.group]: z.string().min(1), [SCHEDULE_ENV.targetArn]: z.string().min(1), [SCHEDULE_ENV.roleArn]: z.string().min(1) })
    .parse(process.env);
  return new AwsScheduler(new SchedulerClient({}), {
    groupName: env[SCHEDULE_ENV.group],
    targetArn: env[SCHEDULE_ENV.targetArn],
    roleArn: env[SCHEDULE_ENV.roleArn],
    // Set by lib/constructs/timers.ts (SCHEDULE_DLQ_ARN_ENV) next to the SCHEDULE_ENV names.
    deadLetterArn: process.env.SCHEDULE_DLQ_ARN || undefined,
  });
}
