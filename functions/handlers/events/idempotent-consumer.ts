import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { config } from '../../config';
import type { BusEvent } from '../../../schemas/events';
import { dynamo } from '../deps';

/**
 * Wraps a bus consumer so an event delivered twice (EventBridge is at-least-once, and so is the
 * local pump) has one effect: keyed on the consumer's name and the event's activity id.
 */
export function idempotentConsumer<R>(
  consumer: string,
  fn: (event: BusEvent) => Promise<R>,
): (event: BusEvent, context?: Context) => Promise<R> {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: config().TABLE_NAME,
    keyAttr: 'pk',
    sortKeyAttr: 'sk',
    expiryAttr: 'ttl',
    staticPkValue: `idempotency#consumer#${consumer}`,
    awsSdkV3Client: dynamo.client,
  });
  // Given the Lambda context, Powertools bounds an in-progress record by the time left.
  return makeIdempotent(fn as (event: BusEvent, context?: Context) => Promise<R>, {
    persistenceStore,
    config: new IdempotencyConfig({ eventKeyJmesPath: 'detail.id', expiresAfterSeconds: 7 * 86_400 }),
  });
}
