import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalClock } from '../../../../bin/local/adapters/local-clock';
import { LocalScheduler } from '../../../../bin/local/adapters/local-scheduler';
import type { TimerPayload } from '../../../../functions/domain/ports/timer-scheduler';

const payload = (ticketId: string): TimerPayload => ({ kind: 'survey', orgId: 'org_a', ticketId, closedAt: '2026-05-04T08:00:00.000Z' });

describe('the local scheduler stand-in', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'scheduler-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires a timer when the local clock reaches it, once, and deletes it afterwards', async () => {
    const clock = new LocalClock(dir);
    const scheduler = new LocalScheduler(dir, clock);
    const fired: string[] = [];
    const now = clock.now().getTime();
    await scheduler.schedule({ name: 'soon', at: new Date(now + 3_600_000), payload: payload('soon') });
    await scheduler.schedule({ name: 'soon', at: new Date(now + 3_600_000), payload: payload('soon') });
    await scheduler.schedule({ name: 'later', at: new Date(now + 7_200_000), payload: payload('later') });
    scheduler.start(async (p) => void fired.push('ticketId' in p ? p.ticketId : p.kind));
    await scheduler.drain();
    expect(fired).toEqual([]);
    clock.advance(3_600_000);
    await scheduler.drain();
    expect(fired).toEqual(['soon']);
    expect(scheduler.pending().map((t) => t.name)).toEqual(['later']);
    await scheduler.cancel('later');
    await scheduler.cancel('later');
    expect(scheduler.counters()).toEqual({ created: 2, alreadyExisted: 1, deleted: 1, alreadyGone: 1 });
    await scheduler.stop();
  });

  it('keeps pending timers across restarts and retries a failing target before setting it aside', async () => {
    const clock = new LocalClock(dir);
    const first = new LocalScheduler(dir, clock);
    await first.schedule({ name: 'kept', at: new Date(clock.now().getTime() + 60_000), payload: payload('kept') });
    await new Promise((resolve) => setImmediate(resolve));
    // Retries back off on the runtime clock; a short policy here: three tries a second apart, then set aside.
    const second = new LocalScheduler(dir, clock, { firstDelayMs: 1_000, maxDelayMs: 1_000, giveUpAfterMs: 2_000 });
    expect(second.pending().map((t) => t.name)).toEqual(['kept']);
    let calls = 0;
    second.start(async () => {
      calls += 1;
      throw new Error('target down');
    });
    clock.advance(60_000);
    for (let i = 0; i < 3; i++) {
      await second.drain();
      clock.advance(1_000);
    }
    await second.drain();
    expect(calls).toBe(3);
    expect(second.pending()).toEqual([]);
    await second.stop();
    expect(existsSync(path.join(dir, 'schedules', 'dead-letter.jsonl'))).toBe(true);
    expect(readFileSync(path.join(dir, 'schedules', 'dead-letter.jsonl'), 'utf8')).toContain('"kept"');
  });
});
