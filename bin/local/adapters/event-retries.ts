import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../../functions/domain/ports/clock';
import type { BusEvent } from '../../../schemas/events';
import { LOCAL_RETRY, type RetryPolicy, nextAttemptAt } from '../retry-policy';
import { readJson, writeJson } from './local-state';

export interface PendingDelivery {
  /** One per (rule, event): a second failure of the same delivery updates it. */
  id: string;
  rule: string;
  event: BusEvent;
  attempts: number;
  firstFailedAt: string;
  nextAttemptAt: string;
  lastError: string;
}

export interface DeadEvent {
  id: string;
  rule?: string;
  event?: BusEvent;
  error: string;
  failedAt?: string;
  attempts?: number;
}

export const DEAD_LETTER_EVENTS_FILE = 'dead-letter-events.jsonl';
const RETRIES_FILE = 'event-retries.json';

/**
 * What EventBridge keeps for a failing target locally: deliveries waiting for their next try
 * (`event-retries.json`, on the runtime's clock) and those that failed for longer than the
 * retry policy allows (`dead-letter-events.jsonl`, one JSON object a line), both under the data
 * folder so a restart loses neither.
 */
export class EventRetries {
  private readonly retriesFile: string;
  readonly deadLetterFile: string;
  private readonly pending: Map<string, PendingDelivery>;

  constructor(dataDir: string, private readonly clock: Clock, private readonly policy: RetryPolicy = LOCAL_RETRY) {
    this.retriesFile = path.join(dataDir, RETRIES_FILE);
    this.deadLetterFile = path.join(dataDir, DEAD_LETTER_EVENTS_FILE);
    this.pending = new Map(readJson<PendingDelivery[]>(this.retriesFile, []).map((p) => [p.id, p]));
  }

  /** Records a failed delivery: retried later, or dead-lettered when it has failed for too long. */
  failed(rule: string, event: BusEvent, error: unknown): 'retry' | 'dead-letter' {
    const now = this.clock.now();
    const id = deliveryId(rule, event);
    const previous = this.pending.get(id);
    const attempts = (previous?.attempts ?? 0) + 1;
    const firstFailedAt = previous ? new Date(previous.firstFailedAt) : now;
    const next = nextAttemptAt(this.policy, attempts, firstFailedAt, now);
    if (!next) {
      this.pending.delete(id);
      this.save();
      appendFileSync(this.deadLetterFile, `${JSON.stringify({ id, rule, event, error: String(error), failedAt: now.toISOString(), attempts })}\n`);
      return 'dead-letter';
    }
    this.pending.set(id, {
      id, rule, event, attempts, firstFailedAt: firstFailedAt.toISOString(), nextAttemptAt: next.toISOString(), lastError: String(error),
    });
    this.save();
    return 'retry';
  }

  succeeded(rule: string, event: BusEvent): void {
    if (this.pending.delete(deliveryId(rule, event))) this.save();
  }

  /** Deliveries whose next try is due on the runtime's clock, oldest first. */
  due(): PendingDelivery[] {
    const now = this.clock.now().toISOString();
    return [...this.pending.values()].filter((p) => p.nextAttemptAt <= now).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
  }

  waiting(): PendingDelivery[] {
    return [...this.pending.values()];
  }

  deadLetters(): DeadEvent[] {
    if (!existsSync(this.deadLetterFile)) return [];
    return readFileSync(this.deadLetterFile, 'utf8').split('\n').filter(Boolean).map(parseDeadLine);
  }

  /** Takes dead-lettered deliveries back for a fresh round of tries, due now. @returns those taken. */
  replay(ids: ReadonlySet<string>): DeadEvent[] {
    const lines = existsSync(this.deadLetterFile) ? readFileSync(this.deadLetterFile, 'utf8').split('\n').filter(Boolean) : [];
    const taken: DeadEvent[] = [];
    const kept: string[] = [];
    const now = this.clock.now().toISOString();
    for (const line of lines) {
      const dead = parseDeadLine(line);
      if (!ids.has(dead.id) || !dead.rule || !dead.event) {
        kept.push(line);
        continue;
      }
      taken.push(dead);
      const id = deliveryId(dead.rule, dead.event);
      this.pending.set(id, { id, rule: dead.rule, event: dead.event, attempts: 0, firstFailedAt: now, nextAttemptAt: now, lastError: dead.error });
    }
    if (taken.length) {
      this.save();
      writeFileSync(this.deadLetterFile, kept.map((line) => `${line}\n`).join(''));
    }
    return taken;
  }

  private save() {
    writeJson(this.retriesFile, [...this.pending.values()]);
  }
}

const deliveryId = (rule: string, event: BusEvent) => `${rule}:${event.detail.id}`;

/** Lines written before ids existed (or by hand) get a stable id from their text. */
function parseDeadLine(line: string): DeadEvent {
  const parsed = JSON.parse(line) as Partial<DeadEvent> & { record?: unknown };
  return {
    ...parsed,
    id: parsed.id ?? `line-${createHash('sha256').update(line).digest('hex').slice(0, 16)}`,
    error: String(parsed.error ?? ''),
  };
}
