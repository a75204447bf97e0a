import { applyTicketStats } from '../../domain/analytics/rollup';
import { busConsumer } from '../kit/bus-consumer';

/**
 * Bus rule target: adds a ticket event to the stats rollups. No idempotency record: the event's
 * marker commits in the same transaction as the cells' ADDs, so a redelivery fails the marker's
 * condition and adds nothing.
 */
export const handler = busConsumer({ rule: 'stats-rollup', dedupe: 'by-construction' }, async (event, { deps }) => ({
  outcome: await applyTicketStats(deps, event.detail),
}));
