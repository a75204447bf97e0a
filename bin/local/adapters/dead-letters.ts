import { QUEUE_NAMES } from '../../../functions/manifest/queues';
import type { EventRetries } from './event-retries';
import type { LocalQueues } from './local-queues';
import type { LocalScheduler } from './local-scheduler';

export type DeadLetterKind = 'event' | 'queue' | 'timer';

export interface DeadLetter {
  /** Unique across kinds: what `POST /v1/dev/dead-letters` takes back. */
  id: string;
  kind: DeadLetterKind;
  /** The bus rule, the queue or the timer that failed. */
  source: string;
  /** The organization the work belongs to, when the payload says (mail says by its recipients). */
  orgId?: string;
  mailboxes?: string[];
  failedAt?: string;
  attempts?: number;
  error?: string;
  payload: unknown;
}

/**
 * Everything the local runtime set aside after it stopped retrying, in one list: bus events
 * (`dead-letter-events.jsonl`), queue messages (each queue's `<name>-dlq`), timers
 * (`schedules/dead-letter.jsonl`). Replaying puts the work back where it failed: the event to
 * its rule, the message to its queue, the timer due now. In AWS the same places are the
 * rules' and queues' DLQs (redrive) and the Scheduler group's DLQ.
 */
export class LocalDeadLetters {
  constructor(
    private readonly events: EventRetries,
    private readonly queues: LocalQueues,
    private readonly scheduler: LocalScheduler,
    private readonly queueNames: readonly string[] = QUEUE_NAMES,
  ) {}

  list(): DeadLetter[] {
    const events = this.events.deadLetters().map((dead): DeadLetter => ({
      id: `event:${dead.id}`, kind: 'event', source: dead.rule ?? 'event-pump', orgId: dead.event?.detail.orgId,
      failedAt: dead.failedAt, attempts: dead.attempts, error: dead.error, payload: dead.event ?? dead,
    }));
    const messages = this.queueNames.flatMap((queue) =>
      this.queues.peek(`${queue}-dlq`).map((message): DeadLetter => ({
        id: `queue:${queue}:${message.id}`, kind: 'queue', source: queue, ...ownerOf(message.body),
        attempts: message.receiveCount, payload: parse(message.body) ?? message.body,
      })),
    );
    const timers = this.scheduler.deadLetters().map((dead): DeadLetter => ({
      id: `timer:${dead.id}`, kind: 'timer', source: dead.timer.name, orgId: dead.timer.payload.orgId,
      failedAt: dead.failedAt, attempts: dead.timer.attempts, error: dead.error, payload: dead.timer.payload,
    }));
    return [...events, ...messages, ...timers];
  }

  count(): number {
    return this.list().length;
  }

  /** Puts these dead letters back to work. @returns the ids taken (unknown ones are skipped). */
  async replay(ids: readonly string[]): Promise<string[]> {
    const wanted = new Set(ids);
    const strip = (prefix: string) => new Set([...wanted].filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length)));
    const events = this.events.replay(strip('event:')).map((dead) => `event:${dead.id}`);
    const messages = this.queueNames.flatMap((queue) => this.queues.redrive(queue, strip(`queue:${queue}:`)).map((id) => `queue:${queue}:${id}`));
    const timers = (await this.scheduler.replay(strip('timer:'))).map((dead) => `timer:${dead.id}`);
    return [...events, ...messages, ...timers];
  }
}

/** Whose a queue message is: webhook and SLA messages carry the org; an SNS mail notification its recipients. */
function ownerOf(body: string): { orgId?: string; mailboxes?: string[] } {
  const json = parse(body) as { orgId?: unknown; detail?: { orgId?: unknown }; Message?: unknown } | undefined;
  if (typeof json?.orgId === 'string') return { orgId: json.orgId };
  if (typeof json?.detail?.orgId === 'string') return { orgId: json.detail.orgId };
  const notification = typeof json?.Message === 'string' ? (parse(json.Message) as { receipt?: { recipients?: unknown } } | undefined) : undefined;
  const recipients = notification?.receipt?.recipients;
  return Array.isArray(recipients) ? { mailboxes: recipients.map(String) } : {};
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
