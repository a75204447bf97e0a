import type { SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import type { TicketEvent } from '../../../schemas/events';
import { ROLLUP_EVENT_TYPES } from '../../domain/analytics/contribution';
import { applyTicketStatsBatch } from '../../domain/analytics/rollup';
import { logger } from '../../observability';
import { jsonBodyOf, sqsBatchConsumer } from '../kit/sqs-consumer';

/** What the rollup reads of a bus event (the message is the whole EventBridge envelope). */
const RollupMessage = z.object({
  detail: z.looseObject({
    id: z.string().min(1),
    type: z.enum(ROLLUP_EVENT_TYPES),
    orgId: z.string().min(1),
    ticketId: z.string().min(1),
    occurredAt: z.string().refine((at) => !Number.isNaN(Date.parse(at)), 'a date'),
    actor: z.looseObject({ id: z.string(), role: z.string() }),
    ticket: z.looseObject({ status: z.string(), priority: z.string() }),
  }),
});

/** The ticket event a message carries, or undefined when it is not one the rollup can read. */
export function rollupEventOf(record: Pick<SQSRecord, 'body'>): TicketEvent | undefined {
  const parsed = RollupMessage.safeParse(jsonBodyOf(record as SQSRecord));
  return parsed.success ? (parsed.data.detail as unknown as TicketEvent) : undefined;
}

/**
 * The stats rollup's queue (bus rule `stats-rollup`): a batch of ticket events is applied
 * together, the cells that one organization's events share written once with the sums
 * (applyTicketStatsBatch). Exactly once by construction: each event's marker commits with the
 * cells in one transaction, so a redelivered message adds nothing. An unreadable message is
 * dropped with a log line; an organization whose writes failed has its messages retried.
 */
export const handler = sqsBatchConsumer(async (records, { deps }) => {
  const events: TicketEvent[] = [];
  const messageIds: string[] = [];
  for (const record of records) {
    const event = rollupEventOf(record);
    if (!event) {
      logger.error('unreadable stats rollup message dropped', { messageId: record.messageId });
      continue;
    }
    events.push(event);
    messageIds.push(record.messageId);
  }
  const outcomes = await applyTicketStatsBatch(deps, events);
  const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;
  logger.info('stats rollup batch', { messages: records.length, applied: count('applied'), duplicate: count('duplicate'), none: count('none'), failed: count('failed') });
  return messageIds.filter((_id, index) => outcomes[index] === 'failed');
});
