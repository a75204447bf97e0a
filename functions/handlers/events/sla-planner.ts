import type { Context } from 'aws-lambda';
import { scheduler } from '../../adapters/scheduler';
import { planTicketTimers } from '../../domain/timers/plan-ticket-timers';
import { logger } from '../../observability';
import type { BusEvent } from '../../../schemas/events';
import { deps } from '../deps';
import { idempotentConsumer } from './idempotent-consumer';

const plan = idempotentConsumer('sla-planner', async (event: BusEvent) => {
  const { orgId, ticketId } = event.detail;
  const outcome = await planTicketTimers(deps, scheduler(), orgId, ticketId);
  if (outcome.created.length || outcome.cancelled.length || outcome.skipped) {
    logger.info('timers planned', { orgId, ticketId, event: event['detail-type'], ...outcome });
  }
  return outcome;
});

/** Bus rule target: keeps one schedule per pending SLA deadline and lifecycle timer of the ticket. */
export const handler = async (event: BusEvent, context?: Context) => plan(event, context);
