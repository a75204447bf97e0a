import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { busConsumer } from '../../../functions/handlers/kit/bus-consumer';
import { IDEMPOTENCY_SORT_KEY } from '../../../functions/handlers/kit/idempotency-records';
import { provideRuntime, type Runtime } from '../../../functions/runtime';
import type { BusEvent } from '../../../schemas/events';
import { integrationDeps } from '../../support/integration-store';

const context = { functionName: 'bus-consumer-test', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
const eventWithId = (id: string) => ({ 'detail-type': 'ticket.created', detail: { id, orgId: 'org_x', ticketId: 't1' } }) as unknown as BusEvent;

describe('bus consumers deduplicate against DynamoDB Local, one partition per record', () => {
  let clients: Awaited<ReturnType<typeof integrationDeps>>['clients'];
  let table: string;
  beforeAll(async () => {
    const built = await integrationDeps();
    ({ clients, table } = built);
    provideRuntime({ config: { tableName: table }, deps: built.deps, dynamo: clients.client } as unknown as Runtime);
  });

  /** A consumer's records, found by a Scan of this test's own small table (the product never scans). */
  const recordsOf = async (consumer: string) => (await clients.client.send(new ScanCommand({
    TableName: table, FilterExpression: 'begins_with(pk, :prefix)', ExpressionAttributeValues: { ':prefix': { S: `consumer#${consumer}#` } },
  }))).Items ?? [];
  const recordsUnder = async (pk: string) => (await clients.client.send(new QueryCommand({
    TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } },
  }))).Items ?? [];

  it('runs an event delivered twice once per consumer, and keeps each record in its own partition', async () => {
    const calls: string[] = [];
    const router = busConsumer({ rule: 'router', dedupe: 'record' }, async (event) => { calls.push(`router:${event.detail.id}`); return 'routed'; });
    const mailer = busConsumer({ rule: 'mailer', dedupe: 'record' }, async (event) => { calls.push(`mailer:${event.detail.id}`); return 'mailed'; });
    for (const id of ['01AAA', '01AAA', '01BBB']) {
      await router(eventWithId(id), context);
      await mailer(eventWithId(id), context);
    }
    expect(calls).toEqual(['router:01AAA', 'mailer:01AAA', 'router:01BBB', 'mailer:01BBB']);

    // Powertools' own layout would have put every record of a consumer under one static key.
    expect(await recordsUnder('idempotency#consumer#router')).toEqual([]);
    expect((await recordsOf('router')).map((r) => r.status?.S)).toEqual(['COMPLETED', 'COMPLETED']);
  });

  it('writes the record under its own key: consumer name and event hash as the partition key', async () => {
    const seen: string[] = [];
    const handler = busConsumer({ rule: 'partitions', dedupe: 'record' }, async (event) => { seen.push(event.detail.id); return null; });
    await handler(eventWithId('01CCC'), context);
    await handler(eventWithId('01DDD'), context);
    // Each event's record is the only item in its partition, with the constant sort key.
    const records = await recordsOf('partitions');
    expect(records).toHaveLength(2);
    expect(new Set(records.map((r) => r.pk!.S)).size).toBe(2);
    for (const record of records) {
      expect(record.sk).toEqual({ S: IDEMPOTENCY_SORT_KEY });
      expect(await recordsUnder(record.pk!.S!)).toHaveLength(1);
    }
    expect(seen).toEqual(['01CCC', '01DDD']);
  });

  it('writes no record for a consumer whose rule dedupes by construction: it runs each delivery, its own writes make that harmless', async () => {
    const seen: string[] = [];
    const planner = busConsumer({ rule: 'by-construction', dedupe: 'by-construction' }, async (event) => { seen.push(event.detail.id); return 'planned'; });
    expect(await planner(eventWithId('01EEE'), context)).toBe('planned');
    expect(await planner(eventWithId('01EEE'), context)).toBe('planned');
    expect(seen).toEqual(['01EEE', '01EEE']);
    expect(await recordsOf('by-construction')).toEqual([]);
  });

  it('takes no record for an event its `when` declines, and returns `ignored`', async () => {
    const calls: string[] = [];
    const router = busConsumer({ rule: 'declines', dedupe: 'record', when: (event) => event.detail.id !== '01FFF' }, async (event) => { calls.push(event.detail.id); return 'routed'; });
    expect(await router(eventWithId('01FFF'), context)).toEqual({ outcome: 'ignored' });
    expect(await router(eventWithId('01GGG'), context)).toBe('routed');
    expect(calls).toEqual(['01GGG']);
    expect(await recordsOf('declines')).toHaveLength(1);
  });
});
