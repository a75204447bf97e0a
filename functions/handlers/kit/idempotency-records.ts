import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE } from '../../manifest/table';

/** The sort key of every idempotency record: its partition key is the record's own key. */
export const IDEMPOTENCY_SORT_KEY = 'idempotency';

/**
 * Powertools idempotency records in our single table, each in its own partition. Given a sort
 * key, Powertools puts all of a function's records under one static partition key: every event
 * or request the function takes would write that one partition (a hot key at a burst) and grow
 * it for as long as the records live. Here the idempotency key (function or consumer, hash of
 * the event's key) is the partition key and the sort key is constant, so the writes spread.
 */
export class IdempotencyRecords extends DynamoDBPersistenceLayer {
  constructor(tableName: string, client: DynamoDBClient) {
    super({ tableName, keyAttr: TABLE.partitionKey, sortKeyAttr: TABLE.sortKey, expiryAttr: TABLE.timeToLiveAttribute, awsSdkV3Client: client });
  }

  protected override getKey(idempotencyKey: string): Record<string, AttributeValue> {
    return { [TABLE.partitionKey]: { S: idempotencyKey }, [TABLE.sortKey]: { S: IDEMPOTENCY_SORT_KEY } };
  }
}
