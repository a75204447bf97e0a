import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalQueues } from '../../../bin/local/adapters/local-queues';

describe('the local SQS stand-in as a FIFO queue', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fifo-'));
  let now = Date.parse('2026-01-01T00:00:00Z');
  const clock = { now: () => new Date(now) };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds a group back while an earlier message of it is in flight, and lets other groups go', async () => {
    const queues = new LocalQueues(dir, clock);
    await queues.send('f', 'a1', { groupId: 'a', deduplicationId: 'a1' });
    await queues.send('f', 'a2', { groupId: 'a', deduplicationId: 'a2' });
    await queues.send('f', 'b1', { groupId: 'b', deduplicationId: 'b1' });
    const first = queues.receive('f', 1, 30);
    expect(first.map((m) => m.body)).toEqual(['a1']);
    expect(queues.receive('f', 10, 30).map((m) => m.body)).toEqual(['b1']);
    now += 31_000; // a1 failed (not deleted): it comes back before a2
    expect(queues.receive('f', 1, 30).map((m) => [m.body, m.receiveCount])).toEqual([['a1', 2]]);
    queues.delete('f', first[0].id);
    expect(queues.receive('f', 10, 30).map((m) => m.body)).toEqual(['a2', 'b1']); // b1 was never deleted either
  });

  it('drops a second send with the same deduplication id within five minutes', async () => {
    const queues = new LocalQueues(dir, clock);
    await queues.send('g', 'x', { groupId: 'a', deduplicationId: 'same' });
    await queues.send('g', 'x again', { groupId: 'a', deduplicationId: 'same' });
    expect(queues.peek('g').map((m) => m.body)).toEqual(['x']);
    now += 5 * 60_000;
    await queues.send('g', 'x later', { groupId: 'a', deduplicationId: 'same' });
    expect(queues.peek('g').map((m) => m.body)).toEqual(['x', 'x later']);
  });
});
