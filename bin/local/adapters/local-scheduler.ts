import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalClock } from './local-clock';
import { localStateDir, readJson, writeJson } from './local-state';
import { emptyCounters, type TimerScheduler, type SchedulerCounters, type Timer, type TimerPayload } from '../../../functions/domain/ports/timer-scheduler';

export interface StoredTimer {
  name: string;
  at: string;
  payload: TimerPayload;
  attempts: number;
}

const MAX_ATTEMPTS = 3;
const TICK_MS = 200;

/**
 * EventBridge Scheduler played locally: timers persisted under `.local/schedules/`, fired on
 * the local clock (checked on a short interval and whenever the clock is advanced), deleted
 * after they ran as `ActionAfterCompletion: DELETE` does. A failing target is retried, then
 * set aside in `dead-letter.jsonl`.
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

  constructor(dataDir: string, private readonly clock: LocalClock) {
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
      const due = this.pending().filter((t) => Date.parse(t.at) <= now);
      if (due.length === 0 || !this.fire) return;
      for (const timer of due) {
        if (!this.fire) return;
        try {
          await this.fire(timer.payload);
          this.timers.delete(timer.name);
        } catch (error) {
          timer.attempts += 1;
          console.error(`scheduler: ${timer.name} failed (attempt ${timer.attempts}):`, (error as Error).message);
          if (timer.attempts >= MAX_ATTEMPTS) {
            this.timers.delete(timer.name);
            appendFileSync(path.join(path.dirname(this.file), 'dead-letter.jsonl'), `${JSON.stringify({ timer, error: String(error) })}\n`);
          }
        }
        this.save();
      }
      if (due.some((t) => this.timers.has(t.name))) return; // failed ones wait for the next tick
    }
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
