import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { ignoredBecause } from '../../domain/meta/ignored-fields';
import { ingestMetaEvent } from '../../domain/meta/ingest-meta-event';
import type { MetaQueueItem } from '../../domain/meta/meta-event';
import { recordMeta } from '../../domain/meta/record-meta';
import { logger, metrics } from '../../observability';
import type { Runtime } from '../../runtime';
import { jsonBodyOf } from '../kit/sqs-consumer';
import { sqsFifoConsumer } from '../kit/sqs-fifo-consumer';

/**
 * The Meta worker: one record = one event of a verified webhook, in order per contact. An item
 * that cannot be read is recorded and dropped (it would block its contact's group); store or
 * object-store failures throw, and the group waits for the retry.
 */
async function recordHandler(record: SQSRecord, { deps, ports }: Runtime) {
  const item = jsonBodyOf(record) as MetaQueueItem | undefined;
  if (!item?.orgId || !item.channelId || !item.event?.type) {
    logger.error('unreadable meta-inbound message dropped', { messageId: record.messageId });
    await recordMeta(deps, { kind: 'queue', externalId: 'unreadable' }, { kind: 'unreadable', summary: record.body.slice(0, 4000) });
    return;
  }
  logger.appendKeys({ orgId: item.orgId, channelId: item.channelId });
  const outcome = await ingestMetaEvent(deps, ports, item);
  metrics.addMetric(`MetaIngested_${outcome.kind}`, MetricUnit.Count, 1);
  logger.info('meta event ingested', {
    event: item.event.type, outcome: outcome.kind, ...('ticketId' in outcome ? { ticketId: outcome.ticketId } : {}),
    ...(item.event.type === 'other' ? { field: item.event.field, ignored: ignoredBecause(item.event.field) } : {}),
  });
}

export const handler = sqsFifoConsumer(recordHandler);
