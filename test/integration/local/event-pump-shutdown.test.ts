import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { EventRetries } from '../../../bin/local/adapters/event-retries';
import type { LocalQueues } from '../../../bin/local/adapters/local-queues';
import { EventPump } from '../../../bin/local/event-pump';
import { createTicket } from '../../../functions/domain/tickets/create-ticket';
import type { EventRuleSpec } from '../../../functions/manifest/event-rules';
import { eventually } from '../../support/eventually';
import { integrationDeps, seedOrg } from '../../support/integration-store';

const RULES: EventRuleSpec[] = [{ name: 'probe', description: 'test target', detailTypes: ['ticket.created'], target: { kind: 'queue', queue: 'probe' } }];

describe('the event pump at shutdown', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pump-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('never moves its checkpoint past an event whose delivery failed while stopping: the next start delivers it', async () => {
    const { deps, clients, table } = await integrationDeps();
    const org = await seedOrg(deps);
    const ticket = await createTicket(deps, org.agent, {
      subject: 'Shutdown', description: 'd', priority: 'medium', tags: [], customFields: {}, requester: { email: 'r@example.com', name: 'R' },
    });
    const clock = { now: () => new Date() };
    const pumpWith = (send: (queue: string, body: string) => Promise<void>) => new EventPump({
      rootDir: process.cwd(), dataDir, tableName: table, dynamo: clients.client, endpoint: inject('dynamodbEndpoint'),
      queues: { enqueue: send } as unknown as LocalQueues, retries: new EventRetries(dataDir, clock), now: clock.now, rules: RULES,
    });

    let failDelivery!: (error: Error) => void;
    let calls = 0;
    const first = pumpWith(() => {
      calls++;
      return new Promise((_, reject) => (failDelivery = reject));
    });
    first.start();
    await eventually(async () => expect(calls).toBe(1), 20_000, 20);
    const stopped = first.stop();
    failDelivery(new Error('connect ECONNREFUSED: storage went away'));
    await stopped;
    expect(existsSync(path.join(dataDir, 'dead-letter-events.jsonl'))).toBe(false);
    expect(new EventRetries(dataDir, clock).waiting()).toEqual([]);

    const delivered: { detail: { type: string; ticketId: string } }[] = [];
    const second = pumpWith(async (_queue, body) => {
      delivered.push(JSON.parse(body));
    });
    second.start();
    try {
      await eventually(async () => expect(delivered.map((e) => [e.detail.type, e.detail.ticketId])).toEqual([['ticket.created', ticket.ticketId]]), 20_000, 50);
    } finally {
      await second.stop();
    }
  });
});
