import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_RETRY, type RetryPolicy, nextAttemptAt } from '../retry-policy';
import type { LocalClock } from './local-clock';
import { localStateDir, readJson, writeJson } from './local-state';
import { emptyCounters, type TimerScheduler, type SchedulerCounters, type Timer, type TimerPayload } from '../../../functions/domain/ports/timer-scheduler';
import type {
  RecurringSchedule, RecurringScheduler, WeeklyAt, WeeklySummaryPayload,
} from '../../../functions/domain/ports/recurring-scheduler';
import { nextWeeklyFiring } from '../../../functions/domain/analytics/weekly-schedule';

/** What a local schedule hands the target: a timer's payload, or a weekly one's with the time it was due. */
export type LocalSchedulePayload = TimerPayload | WeeklySummaryPayload;

export interface StoredTimer {
  name: string;
  /** The next firing. */
  at: string;
  payload: TimerPayload | WeeklySummaryPayload;
  /** Set on recurring schedules: after each firing `at` moves to the next one (never deleted). */
  weekly?: WeeklyAt;
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
export class LocalScheduler implements TimerScheduler, RecurringScheduler {
  private readonly file: string;
  private readonly timers: Map<string, StoredTimer>;
  private readonly count: SchedulerCounters = emptyCounters();
  private fire?: (payload: LocalSchedulePayload) => Promise<void>;
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

  /** Creates the recurring schedule, or replaces its time and payload (its next firing recomputed when the time changed). */
  async upsert(schedule: RecurringSchedule): Promise<void> {
    const existing = this.timers.get(schedule.name);
    if (existing?.weekly && JSON.stringify(existing.weekly) === JSON.stringify(schedule.weekly)) {
      existing.payload = schedule.payload;
      this.count.alreadyExisted += 1;
    } else {
      const at = nextWeeklyFiring(schedule.weekly, this.clock.now());
      this.timers.set(schedule.name, { name: schedule.name, at: at.toISOString(), payload: schedule.payload, weekly: schedule.weekly, attempts: 0 });
      this.count[existing ? 'alreadyExisted' : 'created'] += 1;
    }
    this.save();
  }

  async remove(name: string): Promise<void> {
    return this.cancel(name);
  }

  counters(): SchedulerCounters {
    return { ...this.count };
  }

  pending(): StoredTimer[] {
    return [...this.timers.values()].sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Starts firing due timers into `fire` (the target handler). */
  start(fire: (payload: LocalSchedulePayload) => Promise<void>): void {
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
          if (timer.payload.kind === 'weekly-summary') await this.fire({ scheduledAt: timer.at, ...timer.payload });
          else await this.fire(timer.payload);
          this.done(timer);
        } catch (error) {
          this.failed(timer, error);
        }
        this.save();
      }
      if (due.some((t) => this.timers.has(t.name))) return; // failed ones wait for the next tick
    }
  }

  /** A one-time timer is deleted once it ran; a recurring one moves on to its next firing. */
  private done(timer: StoredTimer) {
    if (!timer.weekly) {
      this.timers.delete(timer.name);
      return;
    }
    const after = Math.max(Date.parse(timer.at), this.clock.now().getTime());
    Object.assign(timer, { at: nextWeeklyFiring(timer.weekly, new Date(after)).toISOString(), attempts: 0 });
    delete timer.retryAt;
    delete timer.firstFailedAt;
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
    const dead = { ...timer };
    if (timer.weekly) this.done(timer);
    else this.timers.delete(timer.name);
    const id = `timer-${createHash('sha256').update(`${timer.name}@${now.toISOString()}`).digest('hex').slice(0, 16)}`;
    appendFileSync(this.deadLetterFile, `${JSON.stringify({ id, timer: dead, error: String(error), failedAt: now.toISOString() })}\n`);
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
    for (const dead of taken) {
      const { payload } = dead.timer;
      if (payload.kind !== 'weekly-summary') {
        await this.schedule({ name: dead.timer.name, at: this.clock.now(), payload });
        continue;
      }
      // A weekly firing comes back as a one-time timer for the week it was due (its schedule lives on).
      const name = `${dead.timer.name}.${dead.id.slice(-8)}`;
      this.timers.set(name, { name, at: this.clock.now().toISOString(), payload: { ...payload, scheduledAt: payload.scheduledAt ?? dead.timer.at }, attempts: 0 });
      this.save();
      this.kick();
    }
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
