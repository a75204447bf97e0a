import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_RETRY, type RetryPolicy, nextAttemptAt } from '../retry-policy';
import type { LocalClock } from './local-clock';
import { localStateDir, readJson, writeJson } from './local-state';
import { emptyCounters, type TimerScheduler, type SchedulerCounters, type Timer, type TimerPayload } from '../../../functions/domain/ports/timer-scheduler';

export interface StoredTimer {
  name: string;
  at: string;
  payload: TimerPayload;
  attempts: number;
  /** Set while the target fails: when it is tried again (backoff on the runtime's clock). */
  retryAt?: string;
  firstFailedAt?: string;
}

export interface DeadTimer {
  id: string;
  timer: StoredTimer;
  error: string;
  failedAt?: string;
}

const TICK_MS = 200;

/**
 * EventBridge Scheduler played locally: timers persisted under `.local/schedules/`, fired on
 * the local clock (checked on a short interval and whenever the clock is advanced), deleted
 * after they ran as `ActionAfterCompletion: DELETE` does. A failing target is retried with
 * backoff for as long as the retry policy allows (minutes), then set aside in
 * `schedules/dead-letter.jsonl` (listed and replayed by `/v1/dev/dead-letters`).
 */
export class LocalScheduler implements TimerScheduler {
  private readonly file: string;
  private readonly timers: Map<string, StoredTimer>;
  private readonly count: SchedulerCounters = emptyCounters();
  private fire?: (payload: TimerPayload) => Promise<void>;
  private interval?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private running?: Promise<void>;
  private again = false;
  private saving?: NodeJS.Immediate;

  constructor(dataDir: string, private readonly clock: LocalClock, private readonly policy: RetryPolicy = LOCAL_RETRY) {
    this.file = path.join(localStateDir(dataDir, 'schedules'), 'schedules.json');
    this.timers = new Map(readJson<StoredTimer[]>(this.file, []).map((t) => [t.name, t]));
  }

  async schedule(timer: Timer): Promise<void> {
    if (this.timers.has(timer.name)) {
      this.count.alreadyExisted += 1;
      return;
    }
    this.timers.set(timer.name, { name: timer.name, at: timer.at.toISOString(), payload: timer.payload, attempts: 0 });
    this.count.created += 1;
    this.save();
    if (timer.at.getTime() <= this.clock.now().getTime()) this.kick();
  }

  async cancel(name: string): Promise<void> {
    if (!this.timers.delete(name)) {
      this.count.alreadyGone += 1;
      return;
    }
    this.count.deleted += 1;
    this.save();
  }

  counters(): SchedulerCounters {
    return { ...this.count };
  }

  pending(): StoredTimer[] {
    return [...this.timers.values()].sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Starts firing due timers into `fire` (the target handler). */
  start(fire: (payload: TimerPayload) => Promise<void>): void {
    this.fire = fire;
    this.interval = setInterval(() => this.kick(), TICK_MS);
    this.unsubscribe = this.clock.onAdvance(() => this.kick());
    this.kick();
  }

  async stop(): Promise<void> {
    clearInterval(this.interval);
    this.unsubscribe?.();
    this.fire = undefined;
    await this.running;
    if (this.saving) this.flush();
  }

  /** Resolves once every timer due now has been fired (for tests and the dev tools). */
  async drain(): Promise<void> {
    this.kick();
    while (this.running) await this.running;
  }

  private kick(): void {
    if (!this.fire) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.fireDue().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async fireDue(): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      const due = this.pending().filter((t) => Date.parse(t.at) <= now && (!t.retryAt || Date.parse(t.retryAt) <= now));
      if (due.length === 0 || !this.fire) return;
      for (const timer of due) {
        if (!this.fire) return;
        try {
          await this.fire(timer.payload);
          this.timers.delete(timer.name);
        } catch (error) {
          this.failed(timer, error);
        }
        this.save();
      }
      if (due.some((t) => this.timers.has(t.name))) return; // failed ones wait for the next tick
    }
  }

  private failed(timer: StoredTimer, error: unknown) {
    const now = this.clock.now();
    timer.attempts += 1;
    timer.firstFailedAt ??= now.toISOString();
    const next = nextAttemptAt(this.policy, timer.attempts, new Date(timer.firstFailedAt), now);
    if (next) {
      timer.retryAt = next.toISOString();
      console.error(`scheduler: ${timer.name} failed (attempt ${timer.attempts}), retrying at ${timer.retryAt}:`, (error as Error).message);
      return;
    }
    console.error(`scheduler: ${timer.name} failed ${timer.attempts} times; set aside in ${this.deadLetterFile}:`, (error as Error).message);
    this.timers.delete(timer.name);
    const id = `timer-${createHash('sha256').update(`${timer.name}@${now.toISOString()}`).digest('hex').slice(0, 16)}`;
    appendFileSync(this.deadLetterFile, `${JSON.stringify({ id, timer, error: String(error), failedAt: now.toISOString() })}\n`);
  }

  get deadLetterFile(): string {
    return path.join(path.dirname(this.file), 'dead-letter.jsonl');
  }

  deadLetters(): DeadTimer[] {
    if (!existsSync(this.deadLetterFile)) return [];
    return readFileSync(this.deadLetterFile, 'utf8').split('\n').filter(Boolean).map(parseDeadTimer);
  }

  /** Schedules dead-lettered timers again, due now. @returns those taken. */
  async replay(ids: ReadonlySet<string>): Promise<DeadTimer[]> {
    const lines = existsSync(this.deadLetterFile) ? readFileSync(this.deadLetterFile, 'utf8').split('\n').filter(Boolean) : [];
    const taken = lines.map(parseDeadTimer).filter((dead) => ids.has(dead.id));
    if (!taken.length) return [];
    writeFileSync(this.deadLetterFile, lines.filter((line) => !ids.has(parseDeadTimer(line).id)).map((line) => `${line}\n`).join(''));
    for (const dead of taken) await this.schedule({ name: dead.timer.name, at: this.clock.now(), payload: dead.timer.payload });
    return taken;
  }

  /** Coalesced: a burst of schedule/cancel calls writes the file once. */
  private save(): void {
    this.saving ??= setImmediate(() => this.flush());
  }

  private flush(): void {
    if (this.saving) clearImmediate(this.saving);
    this.saving = undefined;
    writeJson(this.file, [...this.timers.values()]);
  }
}

/** Lines written before ids existed get a stable id from their text. */
function parseDeadTimer(line: string): DeadTimer {
  const parsed = JSON.parse(line) as Partial<DeadTimer> & { timer: StoredTimer };
  return { ...parsed, id: parsed.id ?? `line-${createHash('sha256').update(line).digest('hex').slice(0, 16)}`, error: String(parsed.error ?? '') };
}
