import type { ConnectionPoster, PostOutcome } from '../ports/connection-poster';
import { type ScopeOf, recipientsOf } from './fan-out';
import { LIST_ROOM, type RoomDirectory, ticketRoom, userRoom } from './rooms';
import type { TicketEvent } from '../../../schemas/events';

export interface BroadcastResult {
  recipients: number;
  sent: number;
  gone: number;
  failed: number;
}

/** Told of each post that failed for another reason than 410 (the handler logs it). */
export type FailureReport = (failure: PostOutcome['failed'][number]) => void;

/**
 * Posts a ticket event to the connections in its rooms (the organization's list, the ticket's
 * room and each watcher's own room; one Query each), each connection once and only what it may
 * see (with `scopeOf`, agents only tickets in their scope). Connections
 * that answer 410 Gone are removed with their subscriptions; other failures are reported and
 * do not fail the invocation, so one bad connection does not make the bus retry the event and
 * post it again to everybody else. Delivery is still at least once (a redelivered event, or an
 * invocation that fails mid-way and is retried, posts again): each frame carries the event's id
 * and the ticket's version (eventFrame), and clients drop an id they have seen.
 */
export async function broadcastEvent(
  rooms: RoomDirectory, connections: ConnectionPoster, event: TicketEvent, report: FailureReport = () => undefined, scopeOf?: ScopeOf,
): Promise<BroadcastResult> {
  const [ticketMembers, listMembers, ...watcherMembers] = await Promise.all([
    rooms.members(event.orgId, ticketRoom(event.ticketId)),
    rooms.members(event.orgId, LIST_ROOM),
    ...(event.ticket.watchers ?? []).map((userId) => rooms.members(event.orgId, userRoom(userId))),
  ]);
  const posts = recipientsOf([...ticketMembers, ...listMembers, ...watcherMembers.flat()], event, scopeOf);
  const outcome = await connections.post(posts);
  await Promise.all(outcome.gone.map((connectionId) => rooms.remove(connectionId)));
  outcome.failed.forEach(report);
  return { recipients: posts.length, sent: outcome.sent, gone: outcome.gone.length, failed: outcome.failed.length };
}
