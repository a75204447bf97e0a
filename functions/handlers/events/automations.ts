import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { idleHoursOf } from '../../domain/automations/automation-rules';
import { chainOf, runAutomations } from '../../domain/automations/run-automations';
import { planTicketTimers } from '../../domain/timers/plan-ticket-timers';
import { logger, metrics } from '../../observability';
import { busConsumer } from '../kit/bus-consumer';

/**
 * Bus rule target: runs the automation rules an event names. No idempotency record: each
 * rule's writes carry a marker for (rule, step, event id) in their own transaction, so a
 * redelivered event (or a retry after a partial run) applies nothing twice. When the
 * organization has time-based rules the ticket's timers are planned too, so its one automation
 * timer follows every change (notes and assignments included, which the SLA planner skips).
 */
export const handler = busConsumer({ rule: 'automations', dedupe: 'by-construction' }, async (event, { deps, ports }) => {
  const { orgId, ticketId, id, type } = event.detail;
  const outcomes = await runAutomations(deps, orgId, ticketId, { id, type, chain: chainOf(event.detail), event: event.detail });
  const applied = outcomes.filter((o) => o.outcome === 'applied');
  if (applied.length) {
    metrics.addMetric('AutomationsApplied', MetricUnit.Count, applied.length);
    logger.info('automations applied', { outcomes });
  }
  if ((await idleHoursOf(deps, orgId)).length > 0) await planTicketTimers(deps, ports.timers, orgId, ticketId);
  return { outcomes };
});
