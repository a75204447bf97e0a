import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BusConsumerHandler } from '../../../functions/handlers/kit/bus-consumer';
import { EVENT_RULES } from '../../../functions/manifest/event-rules';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('each bus consumer dedupes as its rule says', () => {
  const consumers = EVENT_RULES.flatMap((rule) => (rule.target.kind === 'function' ? [{ rule, target: rule.target }] : []));

  it('every function target is a busConsumer naming its rule and the rule\'s dedupe choice', async () => {
    expect(consumers.length).toBeGreaterThan(0);
    for (const { rule, target } of consumers) {
      const { handler } = (await import(path.join(ROOT, target.entry))) as { handler: BusConsumerHandler<unknown> };
      expect(handler.consumer, target.entry).toMatchObject({ rule: rule.name, dedupe: target.dedupe });
    }
  });

  it('keeps records for what only a record guards: mail, Graph API sends, routing', () => {
    // Not the webhook fan-out: each delivery commits with its dispatch job under the delivery's
    // condition, so a redelivered event writes and sends nothing without a record. Nor the
    // WebSocket broadcast: a record did not stop a retried fan-out from posting again, so frames
    // are at least once by contract and clients drop an event id they have seen.
    const recording = consumers.filter(({ target }) => target.dedupe === 'record').map(({ rule }) => rule.name).sort();
    expect(recording).toEqual(['email-notifier', 'meta-sender', 'ticket-router']);
  });
});
