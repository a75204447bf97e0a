import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { postFrames } from '../../adapters/websocket/post-frames';
import { type ScopeOf, recipientsOf } from '../../domain/realtime/fan-out';
import { LIST_ROOM, type RoomDirectory, ticketRoom, userRoom } from '../../domain/realtime/rooms';
import { logger, metrics } from '../../observability';
import type { TicketEvent } from '../../../schemas/events';

export interface BroadcastResult {
  recipients: number;
  sent: number;
  gone: number;
  failed: number;
}

/**
 * Posts a ticket event to the connections in its rooms (the organization's list and the
 * ticket's room; one Query each), each connection once and only what it may see. Connections
 * that answer 410 Gone are removed with their subscriptions; other failures are logged and
 * not retried, so a redelivery never doubles frames for everybody else.
 */
export async function broadcastEvent(
  rooms: RoomDirectory,
  client: ApiGatewayManagementApiClient,
  event: TicketEvent,
  scopeOf?: ScopeOf,
): Promise<BroadcastResult> {
  const [ticketMembers, listMembers, ...watcherMembers] = await Promise.all([
    rooms.members(event.orgId, ticketRoom(event.ticketId)),
    rooms.members(event.orgId, LIST_ROOM),
    ...(event.ticket.watchers ?? []).map((userId) => rooms.members(event.orgId, userRoom(userId))),
  ]);
  const posts = recipientsOf([...ticketMembers, ...listMembers, ...watcherMembers.flat()], event, scopeOf);
  const outcome = await postFrames(client, posts);
  await Promise.all(outcome.gone.map((connectionId) => rooms.remove(connectionId)));
  for (const { connectionId, error } of outcome.failed) {
    logger.warn('post to connection failed', { connectionId, eventId: event.id, error: (error as Error).name ?? String(error) });
  }
  if (outcome.sent) metrics.addMetric('RealtimeFramesPosted', MetricUnit.Count, outcome.sent);
  if (outcome.gone.length) metrics.addMetric('RealtimeConnectionsGone', MetricUnit.Count, outcome.gone.length);
  if (outcome.failed.length) metrics.addMetric('RealtimePostFailures', MetricUnit.Count, outcome.failed.length);
  return { recipients: posts.length, sent: outcome.sent, gone: outcome.gone.length, failed: outcome.failed.length };
}
