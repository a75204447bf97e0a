import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventRetries } from '../../../bin/local/adapters/event-retries';
import { LOCAL_RETRY, nextAttemptAt } from '../../../bin/local/retry-policy';
import type { BusEvent } from '../../../schemas/events';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

describe('the local retry policy', () => {
  it('backs off exponentially to one try a minute, and gives up only after 15 minutes of failures', () => {
    const first = at(0);
    expect(nextAttemptAt(LOCAL_RETRY, 1, first, first)?.getTime()).toBe(at(1_000).getTime());
    expect(nextAttemptAt(LOCAL_RETRY, 4, first, at(10_000))?.getTime()).toBe(at(18_000).getTime());
    expect(nextAttemptAt(LOCAL_RETRY, 30, first, at(60_000))?.getTime()).toBe(at(120_000).getTime());
    expect(nextAttemptAt(LOCAL_RETRY, 12, first, at(14 * 60_000))).toBeDefined();
    expect(nextAttemptAt(LOCAL_RETRY, 13, first, at(15 * 60_000))).toBeUndefined();
  });
});

describe('EventRetries', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const event = { id: 'env', 'detail-type': 'ticket.created', detail: { id: 'act-1', orgId: 'org_a' } } as unknown as BusEvent;

  it('keeps a failing delivery on the runtime clock across restarts, dead-letters it after the window, and replays it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'retries-'));
    dirs.push(dir);
    let now = at(0);
    const clock = { now: () => now };
    const retries = new EventRetries(dir, clock);
    expect(retries.failed('email-notifier', event, new Error('ECONNREFUSED'))).toBe('retry');
    expect(retries.due()).toEqual([]);
    now = at(1_000);
    expect(new EventRetries(dir, clock).due().map((d) => d.id)).toEqual(['email-notifier:act-1']);
    now = at(16 * 60_000);
    expect(retries.failed('email-notifier', event, new Error('ECONNREFUSED'))).toBe('dead-letter');
    expect(retries.waiting()).toEqual([]);
    const [dead] = retries.deadLetters();
    expect(dead).toMatchObject({ rule: 'email-notifier', attempts: 2, error: 'Error: ECONNREFUSED' });
    expect(retries.replay(new Set([dead.id])).map((d) => d.id)).toEqual([dead.id]);
    expect(retries.deadLetters()).toEqual([]);
    expect(retries.due().map((d) => d.attempts)).toEqual([0]);
  });
});
