import {
  CreateTableCommand, DescribeTableCommand, type DynamoDBClient, ResourceNotFoundException, UpdateTableCommand, UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { type IndexDefinition, TABLE } from '../../functions/manifest/table';

/** An index's projection as DynamoDB takes it, from the shared definition. */
export const projectionOf = (index: IndexDefinition) => ({ ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.include] });

/** Creates the table from the shared definition (the same one CDK deploys) if it is missing. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const current = Table?.GlobalSecondaryIndexes ?? [];
    // An index whose projection is not the definition's (a table made when they projected ALL)
    // is dropped and built again: DynamoDB cannot change a projection in place.
    const stale = TABLE.globalIndexes.filter((index) => {
      const found = current.find((i) => i.IndexName === index.name);
      return found && !sameProjection(found.Projection, index);
    });
    for (const index of stale) await dropIndex(client, tableName, index.name);
    const kept = current.filter((i) => !stale.some((s) => s.name === i.IndexName));
    await addMissingIndexes(client, tableName, new Set(kept.map((i) => i.IndexName)));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const keyAttributes = [TABLE.partitionKey, TABLE.sortKey, ...TABLE.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE.globalIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: projectionOf(index),
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.stream },
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
    }),
  );
}

/**
 * A table made by an older checkout lacks the indexes added since: create them, one per
 * UpdateTable call (DynamoDB Local accepts a single GSI creation per call), waiting for each.
 */
async function addMissingIndexes(client: DynamoDBClient, tableName: string, existing: Set<string | undefined>): Promise<void> {
  for (const index of TABLE.globalIndexes.filter((i) => !existing.has(i.name))) {
    await whileAnIndexIsBuilding(() => client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: index.partitionKey, AttributeType: 'S' },
          { AttributeName: index.sortKey, AttributeType: 'S' },
        ],
        GlobalSecondaryIndexUpdates: [{
          Create: {
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: projectionOf(index),
          },
        }],
      }),
    ));
    for (let i = 0; i < 600; i++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      const status = Table?.GlobalSecondaryIndexes?.find((g) => g.IndexName === index.name)?.IndexStatus;
      if (status === 'ACTIVE' && Table?.TableStatus === 'ACTIVE') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function sameProjection(found: { ProjectionType?: string; NonKeyAttributes?: string[] } | undefined, index: IndexDefinition): boolean {
  const wanted = projectionOf(index);
  return found?.ProjectionType === wanted.ProjectionType
    && [...(found.NonKeyAttributes ?? [])].sort().join() === [...wanted.NonKeyAttributes].sort().join();
}

async function dropIndex(client: DynamoDBClient, tableName: string, name: string): Promise<void> {
  await whileAnIndexIsBuilding(() => client.send(new UpdateTableCommand({
    TableName: tableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: name } }],
  })));
  for (let i = 0; i < 600; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.GlobalSecondaryIndexes?.some((g) => g.IndexName === name)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** DynamoDB builds one index at a time: a create while another builds is refused, so wait and retry. */
async function whileAnIndexIsBuilding<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if ((error as Error).name !== 'LimitExceededException' || attempt >= 120) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
