import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { PolicyRecomputeJob, recomputePolicyTickets } from '../../domain/sla-policies/recompute-policy-tickets';
import { logger, metrics } from '../../observability';
import type { Runtime } from '../../runtime';
import { jsonBodyOf, sqsConsumer } from '../kit/sqs-consumer';

/** One record = one policy change; a ticket still contended fails the record so SQS redelivers it (idempotent). */
async function recordHandler(record: SQSRecord, { deps }: Runtime) {
  const parsed = PolicyRecomputeJob.safeParse(jsonBodyOf(record));
  if (!parsed.success) {
    logger.error('unreadable SLA recompute job dropped', { messageId: record.messageId });
    return;
  }
  const job = parsed.data;
  const outcome = await recomputePolicyTickets(deps, job);
  metrics.addMetric('SlaPolicyTicketsRecomputed', MetricUnit.Count, outcome.recomputed.length);
  logger.info('SLA policy change carried over', {
    orgId: job.orgId, policyId: job.policyId, policyVersion: job.policyVersion, skipped: outcome.skipped,
    scanned: outcome.scanned, recomputed: outcome.recomputed.length, contended: outcome.contended.length,
  });
  if (outcome.contended.length > 0) throw new Error(`${outcome.contended.length} ticket(s) still contended; retrying the job`);
}

export const handler = sqsConsumer(recordHandler);
