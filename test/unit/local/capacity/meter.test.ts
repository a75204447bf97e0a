import {
  DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { type CallUnits, CapacityTally, meterDynamoCalls, unitsBetween } from '../../../../bin/local/capacity/meter';
import { localCapacity, meterLocalRuntime, runLabelled } from '../../../../bin/local/capacity/local-capacity';
import type { Capacity } from '../../../../bin/local/capacity/units';

/**
 * A client that never reaches a network: a build-step middleware answers each command with the
 * ConsumedCapacity DynamoDB Local would (shapes recorded from the 2026-01-16 release, see
 * test/unit/bench/capacity.test.ts), and records the input it was sent.
 */
function fakeDynamo(answer: (command: string, input: Record<string, any>) => Record<string, unknown>) {
  const client = new DynamoDBClient({ region: 'local', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const sent: { command: string; input: Record<string, any> }[] = [];
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      const command = context.commandName ?? '';
      const input = args.input as Record<string, any>;
      sent.push({ command, input });
      const output = answer(command, input);
      if (output instanceof Error) throw output;
      return { output: { $metadata: {}, ...output }, response: {} } as never;
    },
    { step: 'build', name: 'fakeDynamo' },
  );
  return { client, sent };
}

const put = (units: number, indexes: Record<string, number> = {}): Capacity => ({
  TableName: 't', CapacityUnits: units + Object.values(indexes).reduce((a, b) => a + b, 0), Table: { CapacityUnits: units },
  GlobalSecondaryIndexes: Object.fromEntries(Object.entries(indexes).map(([k, v]) => [k, { CapacityUnits: v }])),
});

const metered = (answer: Parameters<typeof fakeDynamo>[0], images?: DynamoDBClient) => {
  const fake = fakeDynamo(answer);
  const calls: CallUnits[] = [];
  meterDynamoCalls(fake.client, { record: (call) => calls.push(call), imageClient: images ? () => images : undefined });
  return { ...fake, calls };
};

describe('the capacity meter middleware', () => {
  it('asks for INDEXES where the caller did not and hands back the answer without it', async () => {
    const { client, sent, calls } = metered(() => ({ ConsumedCapacity: put(2, { gsi1: 1 }) }));
    const out = await client.send(new PutItemCommand({ TableName: 't', Item: { pk: { S: 'a' } } }));
    expect(sent[0].input.ReturnConsumedCapacity).toBe('INDEXES');
    expect(out.ConsumedCapacity).toBeUndefined();
    expect(calls).toEqual([{ command: 'PutItemCommand', read: 0, write: 3, writeLocalReported: 3, failed: false }]);
  });

  it('leaves a caller that asked its own setting and answer, and counts what came back', async () => {
    const { client, sent, calls } = metered(() => ({ ConsumedCapacity: { TableName: 't', CapacityUnits: 1.5 } }));
    const out = await client.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'a' } }, ReturnConsumedCapacity: 'TOTAL' }));
    expect(sent[0].input.ReturnConsumedCapacity).toBe('TOTAL');
    expect(out.ConsumedCapacity).toEqual({ TableName: 't', CapacityUnits: 1.5 });
    expect(calls[0]).toMatchObject({ command: 'QueryCommand', read: 1.5, write: 0 });
  });

  it('does not touch commands that consume no capacity', async () => {
    const { client, sent, calls } = metered(() => ({ Table: { TableName: 't' } }));
    await client.send(new DescribeTableCommand({ TableName: 't' }));
    expect(sent[0].input.ReturnConsumedCapacity).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('meters the document client made from the metered client (one middleware stack)', async () => {
    const { client, sent, calls } = metered(() => ({ ConsumedCapacity: put(1) }));
    await DynamoDBDocumentClient.from(client).send(new UpdateCommand({ TableName: 't', Key: { pk: 'a' }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': 1 } }));
    expect(sent[0].input.Key).toEqual({ pk: { S: 'a' } });
    expect(calls[0]).toMatchObject({ command: 'UpdateItemCommand', write: 1 });
  });

  it('bills a transaction\'s table arm as Local reports it without images, index arms at single rate', async () => {
    // A 1.5 KB put in a transaction: Local reports the table 4 (2 x 2) and doubles the index arm.
    const { client, calls } = metered(() => ({ ConsumedCapacity: [put(4, { gsi1: 2 })] }));
    await client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 't', Item: { pk: { S: 'a' } } } }] }));
    expect(calls[0]).toMatchObject({ write: 4 + 1, writeLocalReported: 6 });
  });

  it('bills a transaction\'s table arm from its items\' images when it has an image client', async () => {
    // Two small puts: Local collapses them to 2; AWS bills two writes of each, 4.
    const stored = new Map<string, Record<string, unknown>>();
    const images = fakeDynamo((command, input) => (command === 'GetItemCommand' ? { Item: stored.get(input.Key.pk.S) } : {}));
    const { client, calls } = metered(() => {
      stored.set('a', { pk: { S: 'a' } });
      stored.set('b', { pk: { S: 'b' } });
      return { ConsumedCapacity: [put(2)] };
    }, images.client);
    await client.send(new TransactWriteItemsCommand({ TransactItems: [
      { Put: { TableName: 't', Item: { pk: { S: 'a' } } } }, { Put: { TableName: 't', Item: { pk: { S: 'b' } } } },
    ] }));
    expect(calls[0]).toMatchObject({ write: 4, writeLocalReported: 2 });
    expect(images.sent.filter((s) => s.command === 'GetItemCommand')).toHaveLength(4); // before and after, each item
  });

  it('bills an empty Query at the minimum read, which Local reports as 0', async () => {
    const { client, calls } = metered(() => ({ ConsumedCapacity: { TableName: 't', CapacityUnits: 0, Table: { CapacityUnits: 0 } } }));
    const query = { TableName: 't', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'a' } } };
    await client.send(new QueryCommand(query));
    await client.send(new QueryCommand({ ...query, ConsistentRead: true }));
    expect(calls.map((c) => c.read)).toEqual([0.5, 1]);
  });

  it('bills a single-item write whose condition failed one unit, and lets the error through', async () => {
    const failed = Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
    const { client, calls } = metered(() => failed as never);
    await expect(client.send(new PutItemCommand({ TableName: 't', Item: { pk: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(pk)' }))).rejects.toThrow('conditional');
    expect(calls).toEqual([{ command: 'PutItemCommand', read: 0, write: 1, writeLocalReported: 0, failed: true }]);
  });

  it('counts a failed call, with no units, and lets the error through', async () => {
    const { client, calls } = metered(() => new Error('The conditional request failed') as never);
    await expect(client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }))).rejects.toThrow('conditional');
    expect(calls).toEqual([{ command: 'GetItemCommand', read: 0, write: 0, writeLocalReported: 0, failed: true }]);
  });
});

describe('the capacity tally', () => {
  const write = (units: number): CallUnits => ({ command: 'PutItemCommand', read: 0, write: units, writeLocalReported: units, failed: false });

  it('sums by label and over all labels', () => {
    const tally = new CapacityTally();
    tally.invoked('rule:stats');
    tally.add('rule:stats', write(2));
    tally.add('rule:stats', { ...write(0), read: 0.5 });
    tally.add('http:tickets', write(7));
    tally.add('http:tickets', { ...write(0), failed: true });
    const { total, labels } = tally.totals();
    expect(labels['rule:stats']).toEqual({ invocations: 1, calls: 2, failedCalls: 0, read: 0.5, write: 2, writeLocalReported: 2 });
    expect(labels['http:tickets']).toMatchObject({ invocations: 0, calls: 2, failedCalls: 1, write: 7 });
    expect(total).toMatchObject({ invocations: 1, calls: 4, failedCalls: 1, read: 0.5, write: 9 });
  });

  it('gives what happened between two readings, label by label', () => {
    const tally = new CapacityTally();
    tally.add('rule:stats', write(2));
    tally.add('http:tickets', write(5));
    const before = tally.totals();
    tally.invoked('rule:stats');
    tally.add('rule:stats', write(3));
    tally.add('queue:webhooks', write(1));
    const between = unitsBetween(before, tally.totals());
    expect(Object.keys(between.labels).sort()).toEqual(['queue:webhooks', 'rule:stats']);
    expect(between.labels['rule:stats']).toMatchObject({ invocations: 1, calls: 1, write: 3 });
    expect(between.total).toMatchObject({ calls: 2, write: 4 });
  });
});

describe('the local runtime meter', () => {
  it('labels a call by the invocation it runs in, `runtime` outside any, and counts invocations in flight', async () => {
    const { client } = fakeDynamo(() => ({ ConsumedCapacity: put(1) }));
    meterLocalRuntime(client, client);
    const before = localCapacity();
    let during = 0;
    await runLabelled('rule:meter-test', async () => {
      during = localCapacity().inFlight;
      await new Promise((resolve) => setTimeout(resolve, 1)); // the label survives an await
      await client.send(new PutItemCommand({ TableName: 't', Item: { pk: { S: 'a' } } }));
    });
    await client.send(new PutItemCommand({ TableName: 't', Item: { pk: { S: 'b' } } }));
    const after = localCapacity();
    expect(during).toBe(before.inFlight + 1);
    expect(after.inFlight).toBe(before.inFlight);
    const between = unitsBetween(before, after);
    expect(between.labels['rule:meter-test']).toMatchObject({ invocations: 1, calls: 1, write: 1 });
    expect(between.labels.runtime).toMatchObject({ invocations: 0, calls: 1, write: 1 });
    expect(after.transactions).toBe('reported');
  });
});
