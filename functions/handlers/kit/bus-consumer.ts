import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Context } from 'aws-lambda';
import { logger } from '../../observability';
import { type Runtime, runtime } from '../../runtime';
import type { BusEvent } from '../../../schemas/events';
import { IdempotencyRecords } from './idempotency-records';
import { lambdaHandler } from './lambda-handler';

/**
 * A bus rule target. An event delivered twice (EventBridge is at-least-once, and so is the local
 * pump) has one effect: Powertools idempotency keyed on the consumer's name and the event's id,
 * in our table, one partition per record (idempotency-records.ts). Given the Lambda context,
 * Powertools bounds an in-progress record by the time left.
 */
export function busConsumer<R>(consumer: string, fn: (event: BusEvent, runtime: Runtime) => Promise<R>) {
  let idempotent: ((event: BusEvent, context: Context) => Promise<R>) | undefined;
  return lambdaHandler(async (event: BusEvent, context: Context) => {
    const rt = runtime();
    logger.appendKeys({ consumer, eventId: event.detail?.id, eventType: event['detail-type'], orgId: event.detail?.orgId, ticketId: event.detail?.ticketId });
    idempotent ??= makeIdempotent((e: BusEvent, _context: Context) => fn(e, rt), {
      persistenceStore: new IdempotencyRecords(rt.config.tableName, rt.dynamo),
      keyPrefix: `consumer#${consumer}`,
      config: new IdempotencyConfig({ eventKeyJmesPath: 'detail.id', expiresAfterSeconds: 7 * 86_400 }),
    });
    return idempotent(event, context);
  });
}
