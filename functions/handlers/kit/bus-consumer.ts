import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Context } from 'aws-lambda';
import { logger } from '../../observability';
import { type Runtime, runtime } from '../../runtime';
import type { BusEvent } from '../../../schemas/events';
import type { ConsumerDedupe } from '../../manifest/spec';
import { IdempotencyRecords } from './idempotency-records';
import { lambdaHandler } from './lambda-handler';

/**
 * Which bus rule a handler serves and how it makes a redelivery harmless: the same `dedupe` as
 * its rule's target in the manifest (test/unit/manifest/consumer-dedupe.test.ts holds them
 * equal; a handler cannot import the manifest, which would put every feature's schemas in its bundle).
 */
export interface BusConsumerSpec {
  rule: string;
  dedupe: ConsumerDedupe;
  /**
   * Events the consumer acts on; the others return `{ outcome: 'ignored' }` at once, without an
   * idempotency record. For what a content filter cannot say (a `null` field, a stored setting).
   */
  when?: (event: BusEvent) => boolean;
}

export type BusConsumerHandler<R> = ((event: BusEvent, context: Context) => Promise<R | { outcome: 'ignored' }>) & { readonly consumer: BusConsumerSpec };

/** Whether an EventBridge event carries a detail of ours (a ticket event or a job: both name their id and organization). */
function isBusDetail(event: BusEvent | undefined): boolean {
  const detail = event?.detail as { id?: unknown; orgId?: unknown } | undefined;
  return typeof detail?.id === 'string' && detail.id !== '' && typeof detail.orgId === 'string' && detail.orgId !== '';
}

/**
 * A bus rule target. An event delivered twice (EventBridge is at-least-once, and so is the local
 * pump) has one effect:
 * - `record`: Powertools idempotency keyed on the rule's name and the event's id, in our table,
 *   one partition per record (idempotency-records.ts). Given the Lambda context, Powertools
 *   bounds an in-progress record by the time left.
 * - `by-construction`: the consumer's own writes make a second run a no-op, or a repeat is its
 *   contract (the WebSocket broadcast is at least once; its rule's comment says how), so no
 *   record is written: it would cost 2 WCU an invocation for nothing.
 */
export function busConsumer<R>(consumer: BusConsumerSpec, fn: (event: BusEvent, runtime: Runtime) => Promise<R>): BusConsumerHandler<R> {
  let idempotent: ((event: BusEvent, context: Context) => Promise<R>) | undefined;
  const handler = lambdaHandler(async (event: BusEvent, context: Context): Promise<R | { outcome: 'ignored' }> => {
    if (!isBusDetail(event)) {
      // Not an event of our bus (a rule or a test sent AWS's own: a scheduled event, an S3 or ECR
      // notification): retrying cannot make it one, so it is dropped with the reason, not thrown.
      logger.warn('event is not a Helpdesk bus event; ignored', { consumer: consumer.rule, eventType: (event as { 'detail-type'?: unknown } | undefined)?.['detail-type'], source: (event as { source?: unknown } | undefined)?.source });
      return { outcome: 'ignored' };
    }
    if (consumer.when && !consumer.when(event)) return { outcome: 'ignored' };
    const rt = runtime();
    logger.appendKeys({
      consumer: consumer.rule, eventId: event.detail?.id, eventType: event['detail-type'], orgId: event.detail?.orgId, ticketId: event.detail?.ticketId,
    });
    if (consumer.dedupe === 'by-construction') return fn(event, rt);
    idempotent ??= makeIdempotent((e: BusEvent, _context: Context) => fn(e, rt), {
      persistenceStore: new IdempotencyRecords(rt.config.tableName, rt.dynamo),
      keyPrefix: `consumer#${consumer.rule}`,
      config: new IdempotencyConfig({ eventKeyJmesPath: 'detail.id', expiresAfterSeconds: 7 * 86_400 }),
    });
    return idempotent(event, context);
  });
  return Object.assign(handler, { consumer });
}
