import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalQueues } from '../../../bin/local/adapters/local-queues';
import { QueueWorkers } from '../../../bin/local/queue-workers';
import type { QueueSpec } from '../../../functions/manifest/spec';
import { eventually } from '../../support/eventually';

/** A consumer that records each batch's bodies where the test can read them. */
const CONSUMER = `export const handler = async (event) => {
  (globalThis.__batches ??= []).push(event.Records.map((r) => r.body));
  return { batchItemFailures: [] };
};
`;
const batches = () => ((globalThis as { __batches?: string[][] }).__batches ??= []);

describe('the local queue worker\'s batching window', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'workers-'));
  writeFileSync(path.join(dir, 'consumer.mjs'), CONSUMER);
  const clock = { now: () => new Date() };
  const spec = (window: number): QueueSpec => ({ consumerEntry: 'consumer.mjs', batchSize: 5, batchingWindowSeconds: window, visibilityTimeoutSeconds: 30, maxReceiveCount: 3 });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('waits, once a message is visible, for a full batch (within its window and the local cap)', async () => {
    const queues = new LocalQueues(path.join(dir, 'a'), clock);
    // A window far beyond the test: the batch goes when it is full, not when the window ends.
    const workers = new QueueWorkers(dir, queues, { w: spec(300) }, 300);
    batches().length = 0;
    workers.start();
    try {
      const first = queues.enqueue('w', 'm1')!;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(batches()).toEqual([]); // waiting for the rest of its batch
      const rest = ['m2', 'm3', 'm4', 'm5'].map((body) => queues.enqueue('w', body)!);
      expect(await workers.consumed([first, ...rest].map((id) => ({ queue: 'w', id })), Date.now() + 60_000)).toBe(true);
      expect(batches()).toEqual([['m1', 'm2', 'm3', 'm4', 'm5']]);
    } finally {
      await workers.stop();
    }
  });

  it('sends a lone message once the window ends, and at once when draining for a stop', async () => {
    const queues = new LocalQueues(path.join(dir, 'b'), clock);
    const capped = new QueueWorkers(dir, queues, { w: spec(300) }, 0.2); // the local cap: 0.2 s
    batches().length = 0;
    capped.start();
    try {
      queues.enqueue('w', 'alone');
      await eventually(async () => expect(batches()).toEqual([['alone']]), 60_000, 50);
    } finally {
      await capped.stop();
    }
    const patient = new QueueWorkers(dir, queues, { w: spec(300) }, 300);
    batches().length = 0;
    patient.start();
    queues.enqueue('w', 'at stop');
    await patient.drain(Date.now() + 60_000);
    expect(batches()).toEqual([['at stop']]);
    await patient.stop();
  });
});
