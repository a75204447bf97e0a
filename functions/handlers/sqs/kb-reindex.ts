import type { SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { rebuildIndex } from '../../domain/kb/build-index';
import { logger } from '../../observability';
import type { Runtime } from '../../runtime';
import { jsonBodyOf, sqsConsumer } from '../kit/sqs-consumer';

const ReindexJob = z.object({ orgId: z.string().min(1), articleId: z.string().optional() });

/**
 * One record = one article change: rebuilds the organization's search index from its articles.
 * Redelivery only rebuilds again (the index pointer never moves back to an older read).
 */
async function recordHandler(record: SQSRecord, { deps, ports }: Runtime) {
  const parsed = ReindexJob.safeParse(jsonBodyOf(record));
  if (!parsed.success) {
    logger.error('unreadable knowledge base reindex job dropped', { messageId: record.messageId });
    return;
  }
  const outcome = await rebuildIndex(deps, ports.objects, parsed.data.orgId);
  logger.info('knowledge base index rebuilt', { orgId: parsed.data.orgId, articles: outcome.articles, stale: outcome.stale ?? false });
}

export const handler = sqsConsumer(recordHandler);
