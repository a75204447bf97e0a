import path from 'node:path';
import { localStateDir, readJson, writeJson } from './local-state';
import type { Clock } from '../../../functions/domain/ports/clock';

type Listener = (now: Date) => void;

/**
 * The local runtime's clock: real time plus an offset that a developer or a test moves forward
 * (`POST /v1/dev/clock`), so timers due in hours fire now. The offset survives restarts.
 */
export class LocalClock implements Clock {
  private offsetMs: number;
  private readonly listeners = new Set<Listener>();
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(localStateDir(dataDir), 'clock.json');
    this.offsetMs = readJson(this.file, { offsetMs: 0 }).offsetMs;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves time forward (never back) and tells the timers. */
  advance(ms: number): Date {
    if (!(ms >= 0)) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
    writeJson(this.file, { offsetMs: this.offsetMs });
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }

  onAdvance(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
