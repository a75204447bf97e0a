import { LIST_ROOM, Rooms, ticketIdOfRoom } from '../../domain/realtime/rooms';
import { logger } from '../../observability';
import { wsRoute } from '../kit/ws-route';
import { announceAvailability } from './availability';
import { announcePresence } from './room-signals';

/** At most this many rooms are told that a viewer left; the rest learn it on their next presence. */
const PRESENCE_ROOMS = 20;

/**
 * `$disconnect` (best effort in API Gateway: the broadcaster's 410 path and the items' TTL
 * clean up after connections that never report it): removes the connection and its
 * subscriptions and tells the ticket rooms it viewed who views them now.
 */
export const handler = wsRoute(async (event, { deps, ports }) => {
  const rooms = new Rooms(deps);
  const removed = await rooms.remove(event.requestContext.connectionId);
  const tickets = (removed?.rooms ?? []).map(ticketIdOfRoom).filter((id): id is string => !!id).slice(0, PRESENCE_ROOMS);
  if (!removed) return { statusCode: 200 };
  await Promise.all([
    ...tickets.map((ticketId) => announcePresence(rooms, ports.connections, removed.orgId, ticketId)),
    ...(removed.rooms?.includes(LIST_ROOM) ? [announceAvailability(rooms, ports.connections, removed, 'offline')] : []),
  ]).catch((error) => logger.warn('presence after disconnect failed', { error: String(error) }));
  return { statusCode: 200 };
});
