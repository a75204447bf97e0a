import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalQueues } from '../../../bin/local/adapters/local-queues';

describe('the local SQS stand-in', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'queues-'));
  let now = Date.parse('2026-01-01T00:00:00Z');
  const clock = { now: () => new Date(now) };
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('delays, hides received messages for the visibility timeout, and redelivers', async () => {
    const queues = new LocalQueues(dir, clock);
    await queues.send('q', 'later', { delaySeconds: 60 });
    await queues.send('q', 'now');
    expect(queues.receive('q', 10, 30).map((m) => m.body)).toEqual(['now']);
    expect(queues.receive('q', 10, 30)).toEqual([]);
    now += 31_000;
    expect(queues.receive('q', 10, 30).map((m) => [m.body, m.receiveCount])).toEqual([['now', 2]]);
    now += 60_000;
    expect(queues.receive('q', 10, 30).map((m) => m.body).sort()).toEqual(['later', 'now']);
  });

  it('deletes acknowledged messages, dead-letters the rest, and keeps state across instances', async () => {
    const queues = new LocalQueues(dir, clock);
    await queues.send('r', 'ok');
    await queues.send('r', 'poison');
    const [ok, poison] = queues.receive('r', 10, 30);
    queues.delete('r', ok.id);
    queues.deadLetter('r', poison.id);
    const reopened = new LocalQueues(dir, clock);
    expect(reopened.peek('r')).toEqual([]);
    expect(reopened.peek('r-dlq').map((m) => m.body)).toEqual(['poison']);
  });

  it('caps delays at 15 minutes, as SQS does', async () => {
    const queues = new LocalQueues(dir, clock);
    await queues.send('s', 'x', { delaySeconds: 3600 });
    expect(queues.peek('s')[0].visibleAt - now).toBe(900_000);
  });
});
