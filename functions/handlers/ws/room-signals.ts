import { isStaffRole } from '../../../schemas/roles';
import type { ConnectionPoster } from '../../domain/ports/connection-poster';
import type { WsSubscription } from '../../domain/realtime/connection.entity';
import { signalForCustomer, signalRecipients } from '../../domain/realtime/fan-out';
import { type Rooms, ticketRoom } from '../../domain/realtime/rooms';
import { logger } from '../../observability';
import type { ServerFrame } from '../../../schemas/realtime';

/**
 * Posts a typing, presence or read frame to a ticket's room (internal ones to staff only, never
 * back to the sender unless asked), through the same `@connections` API as the broadcaster.
 */
export async function signalRoom(
  rooms: Rooms,
  connections: ConnectionPoster,
  orgId: string,
  ticketId: string,
  frame: ServerFrame,
  options: { senderConnectionId?: string; internal?: boolean; members?: WsSubscription[] } = {},
): Promise<void> {
  const members = options.members ?? (await rooms.members(orgId, ticketRoom(ticketId)));
  const targets = signalRecipients(members, { orgId, senderConnectionId: options.senderConnectionId, internal: options.internal });
  const customers = new Set(members.filter((m) => !isStaffRole(m.role)).map((m) => m.connectionId));
  const customerFrame = signalForCustomer(frame);
  const outcome = await connections.post(targets.map((connectionId) => ({ connectionId, frame: customers.has(connectionId) ? customerFrame : frame })));
  await Promise.all(outcome.gone.map((connectionId) => rooms.remove(connectionId)));
  for (const { connectionId, error } of outcome.failed) logger.warn('room signal failed', { connectionId, error: String(error) });
}

/** Who views the ticket now: one entry per user, from the room's subscriptions. */
export function presenceFrame(ticketId: string, members: readonly WsSubscription[]): ServerFrame {
  const viewers = new Map<string, { userId: string; name?: string; role: string; since: string }>();
  for (const member of members) {
    if (!member.viewingSince || viewers.has(member.userId)) continue;
    viewers.set(member.userId, { userId: member.userId, name: member.name, role: member.role, since: member.viewingSince });
  }
  return { type: 'presence', data: { ticketId, viewers: [...viewers.values()] } };
}

/** Tells a room who views it now (after someone started or stopped viewing, or left). */
export async function announcePresence(rooms: Rooms, connections: ConnectionPoster, orgId: string, ticketId: string): Promise<void> {
  const members = await rooms.members(orgId, ticketRoom(ticketId));
  await signalRoom(rooms, connections, orgId, ticketId, presenceFrame(ticketId, members), { members });
}
