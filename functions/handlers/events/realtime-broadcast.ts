import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { broadcastEvent } from '../../domain/realtime/broadcast-event';
import { Rooms } from '../../domain/realtime/rooms';
import { scopesOfOrganization } from '../../domain/team/agent-scope';
import { logger, metrics } from '../../observability';
import { busConsumer } from '../kit/bus-consumer';

/**
 * Bus rule target for every ticket event: the realtime fan-out to WebSocket subscribers.
 * At least once, without an idempotency record: a redelivered event is posted again, and
 * clients drop a frame whose event id (`data.id`) they have seen (the rule's comment says why).
 */
export const handler = busConsumer({ rule: 'realtime-broadcast', dedupe: 'by-construction' }, async (event, { deps, ports }) => {
  const scopeOf = await scopesOfOrganization(deps, event.detail.orgId);
  const outcome = await broadcastEvent(new Rooms(deps), ports.connections, event.detail, ({ connectionId, error }) =>
    logger.warn('post to connection failed', { connectionId, error: (error as Error).name ?? String(error) }), scopeOf);
  if (outcome.sent) metrics.addMetric('RealtimeFramesPosted', MetricUnit.Count, outcome.sent);
  if (outcome.gone) metrics.addMetric('RealtimeConnectionsGone', MetricUnit.Count, outcome.gone);
  if (outcome.failed) metrics.addMetric('RealtimePostFailures', MetricUnit.Count, outcome.failed);
  return outcome;
});
