import { planTicketTimers } from '../../domain/timers/plan-ticket-timers';
import { logger } from '../../observability';
import { busConsumer } from '../kit/bus-consumer';

/** Bus rule target: keeps one schedule per pending SLA deadline and lifecycle timer of the ticket. */
export const handler = busConsumer({ rule: 'sla-planner', dedupe: 'by-construction' }, async (event, { deps, ports }) => {
  const { orgId, ticketId } = event.detail;
  const outcome = await planTicketTimers(deps, ports.timers, orgId, ticketId);
  if (outcome.created.length || outcome.cancelled.length || outcome.skipped) logger.info('timers planned', { ...outcome });
  return outcome;
});
