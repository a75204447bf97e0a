import { SQSClient } from '@aws-sdk/client-sqs';
import { config } from '../config';
import { LocalClock } from './clock/clock.local';
import type { Clock } from './clock/clock.port';
import { SqsQueueSender } from './queue/queue.aws';
import { LocalQueues } from './queue/queue.local';
import type { QueueSender } from './queue/queue.port';

/**
 * The one place that chooses between AWS and the local stand-ins, once per container.
 * Locally the runtime drives the same instances (advances the clock, drains the queues).
 */
export interface Adapters {
  clock: Clock;
  queues: QueueSender;
}

export interface LocalAdapters extends Adapters {
  clock: LocalClock;
  queues: LocalQueues;
}

let chosen: Adapters | undefined;

export function adapters(): Adapters {
  chosen ??= config().HELPDESK_RUNTIME === 'local' ? localAdapters() : awsAdapters();
  return chosen;
}

function awsAdapters(): Adapters {
  return { clock: { now: () => new Date() }, queues: new SqsQueueSender(new SQSClient({})) };
}

function localAdapters(): LocalAdapters {
  const clock = new LocalClock();
  return { clock, queues: new LocalQueues(clock) };
}

/** The local runtime's handle on the stand-ins it drives. */
export function runningLocalAdapters(): LocalAdapters {
  const current = adapters();
  if (!(current.clock instanceof LocalClock)) throw new Error('not running locally');
  return current as LocalAdapters;
}
