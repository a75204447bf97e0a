import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { routeTicket } from '../../domain/team/route-ticket';
import { logger, metrics } from '../../observability';
import type { TicketEvent } from '../../../schemas/events';
import { isDoneStatus } from '../../domain/status-groups';
import { busConsumer } from '../kit/bus-consumer';

/** A move out of resolved, closed or cancelled (by an agent, or by the customer's reply). */
const wasReopened = (event: TicketEvent) => {
  const from = event.changes?.status?.from;
  return typeof from === 'string' && isDoneStatus(from) && !isDoneStatus(event.ticket.status);
};

/** Which events ask for routing: a new ticket, a reopened unassigned one, an escalation to a department. */
export function routingRequest(event: TicketEvent): { target?: { departmentId: string } } | undefined {
  if (event.ticket.assigneeId) return undefined;
  if (event.type === 'ticket.created') return {};
  if (event.type === 'ticket.status.changed' && wasReopened(event)) return {};
  const departmentId = (event.data as { departmentId?: string } | undefined)?.departmentId;
  if (event.type === 'ticket.escalated' && departmentId) return { target: { departmentId } };
  return undefined;
}

/**
 * Bus rule target: routes tickets to agents by the organization's rules. Events that ask for no
 * routing (an assigned ticket's: its rule's filter cannot see `assigneeId: null`) cost nothing,
 * not even an idempotency record.
 */
export const handler = busConsumer({ rule: 'ticket-router', dedupe: 'record', when: (event) => Boolean(routingRequest(event.detail)) }, async (event, { deps }) => {
  const request = routingRequest(event.detail)!;
  const outcome = await routeTicket(deps, event.detail.orgId, event.detail.ticketId, request);
  if (outcome.outcome === 'assigned') metrics.addMetric('TicketsRouted', MetricUnit.Count, 1);
  if (outcome.outcome === 'unrouted') metrics.addMetric('TicketsUnrouted', MetricUnit.Count, 1);
  if (outcome.outcome !== 'skipped') logger.info('ticket routed', { orgId: event.detail.orgId, ticketId: event.detail.ticketId, ...outcome });
  return outcome;
});
