import type { WsConnection } from '../../domain/realtime/connection.entity';
import { LIST_ROOM, type Rooms } from '../../domain/realtime/rooms';
import type { ConnectionPoster } from '../../domain/ports/connection-poster';
import type { ServerFrame } from '../../../schemas/realtime';

/**
 * Agent availability: a staff member is online while one of their connections follows the
 * organization's ticket list (an open agent console). Only staff hear about it.
 */
const isStaffRole = (role: string) => role !== 'customer';

export function onlineStaff(members: readonly { userId: string; name?: string; role: string }[]) {
  const online = new Map<string, { userId: string; name?: string; role: string }>();
  for (const m of members) if (isStaffRole(m.role) && !online.has(m.userId)) online.set(m.userId, { userId: m.userId, name: m.name, role: m.role });
  return [...online.values()];
}

/** Tells the other staff of the list that `who` came online or went offline (when it was their last console). */
export async function announceAvailability(rooms: Rooms, connections: ConnectionPoster, who: WsConnection, status: 'online' | 'offline'): Promise<void> {
  if (!isStaffRole(who.role)) return;
  const members = await rooms.members(who.orgId, LIST_ROOM);
  if (status === 'offline' && members.some((m) => m.userId === who.userId && m.connectionId !== who.connectionId)) return;
  if (status === 'online' && members.some((m) => m.userId === who.userId && m.connectionId !== who.connectionId)) return;
  const { data: entry } = await rooms.deps.store.entities.user.get({ orgId: who.orgId, userId: who.userId }).go();
  const frame: ServerFrame = {
    type: 'availability',
    data: { userId: who.userId, name: who.name, role: who.role, status, availability: entry?.availability ?? 'available' },
  };
  await postToStaff(rooms, connections, members, who.userId, frame);
}

/**
 * Tells the staff with the live list open that someone's routing availability changed
 * (`available`, `busy`, `away`), with whether they are online.
 */
export async function announceAvailabilityChange(
  rooms: Rooms,
  connections: ConnectionPoster,
  user: { orgId: string; userId: string; name: string; role: string; availability?: string },
): Promise<void> {
  const members = await rooms.members(user.orgId, LIST_ROOM);
  const online = members.some((m) => m.userId === user.userId);
  const frame: ServerFrame = {
    type: 'availability',
    data: { userId: user.userId, name: user.name, role: user.role, status: online ? 'online' : 'offline', availability: user.availability ?? 'available' },
  };
  await postToStaff(rooms, connections, members, user.userId, frame);
}

async function postToStaff(
  rooms: Rooms,
  connections: ConnectionPoster,
  members: readonly { userId: string; role: string; connectionId: string }[],
  except: string,
  frame: ServerFrame,
) {
  const targets = members.filter((m) => isStaffRole(m.role) && m.userId !== except).map((m) => ({ connectionId: m.connectionId, frame }));
  const outcome = await connections.post(targets);
  await Promise.all(outcome.gone.map((connectionId) => rooms.remove(connectionId)));
}
