import type { Caller } from '../caller';
import type { Deps } from '../store/store';
import type { TicketListFilter } from '../../../schemas/realtime';
import type { WsConnection, WsSubscription } from './connection.entity';

/** The organization's ticket list; customers in it see only their own tickets. */
export const LIST_ROOM = 'tickets';
export const ticketRoom = (ticketId: string) => `ticket#${ticketId}`;
/** A staff member's own room: every connection of theirs joins it at connect (watched tickets' events). */
export const userRoom = (userId: string) => `user#${userId}`;
export const ticketIdOfRoom = (room: string) => (room.startsWith('ticket#') ? room.slice('ticket#'.length) : undefined);

/** API Gateway's maximum connection duration: nothing of a connection outlives it. */
export const CONNECTION_LIFETIME_SECONDS = 2 * 60 * 60;

/** What the broadcaster needs of the rooms: a port, so its fan-out can be tested without a table. */
export interface RoomDirectory {
  members(orgId: string, room: string): Promise<WsSubscription[]>;
  /** Removes a connection and every subscription it holds; the removed connection, if it was there. */
  remove(connectionId: string): Promise<WsConnection | undefined>;
}

/**
 * Connections and their room subscriptions in the single table. Every item expires with the
 * connection (TTL 2 h from the connect), so a connection whose `$disconnect` never came and
 * that nobody posted to again still goes away.
 */
export class Rooms implements RoomDirectory {
  constructor(readonly deps: Deps) {}

  private get entities() {
    return this.deps.store.entities;
  }

  private expiry(connectedAt: string): number {
    return Math.floor(Date.parse(connectedAt) / 1000) + CONNECTION_LIFETIME_SECONDS;
  }

  async open(caller: Caller, connectionId: string): Promise<WsConnection> {
    const connectedAt = this.deps.now().toISOString();
    const item: WsConnection = {
      connectionId, orgId: caller.orgId, userId: caller.userId, role: caller.role, email: caller.email.trim().toLowerCase(),
      name: caller.name, connectedAt, ttl: this.expiry(connectedAt),
    };
    await this.entities.wsConnection.put(item).go();
    return item;
  }

  async connection(connectionId: string): Promise<WsConnection | undefined> {
    const { data } = await this.entities.wsConnection.get({ connectionId }).go();
    return data ?? undefined;
  }

  /** Joins (or re-joins with a new filter) a room; `viewing` marks presence in a ticket room. */
  async join(
    connection: WsConnection,
    room: string,
    options: { filter?: TicketListFilter; viewing?: boolean } = {},
  ): Promise<WsSubscription> {
    const item: WsSubscription = {
      orgId: connection.orgId, room, connectionId: connection.connectionId, userId: connection.userId, role: connection.role,
      email: connection.email, name: connection.name, filterStatus: options.filter?.status, filterAssigneeId: options.filter?.assigneeId,
      viewingSince: options.viewing ? this.deps.now().toISOString() : undefined, ttl: connection.ttl,
    };
    await this.entities.wsSubscription.put(item).go();
    await this.entities.wsConnection.update({ connectionId: connection.connectionId }).add({ rooms: [room] }).go();
    return item;
  }

  async subscription(connection: WsConnection, room: string): Promise<WsSubscription | undefined> {
    const { data } = await this.entities.wsSubscription.get({ orgId: connection.orgId, room, connectionId: connection.connectionId }).go();
    return data ?? undefined;
  }

  /** Sets or clears presence on an existing subscription, joining the room when needed. */
  async setViewing(connection: WsConnection, room: string, viewing: boolean): Promise<void> {
    const current = await this.subscription(connection, room);
    if (!current) {
      if (viewing) await this.join(connection, room, { viewing: true });
      return;
    }
    const key = { orgId: connection.orgId, room, connectionId: connection.connectionId };
    if (viewing) await this.entities.wsSubscription.patch(key).set({ viewingSince: this.deps.now().toISOString() }).go();
    else await this.entities.wsSubscription.patch(key).remove(['viewingSince']).go();
  }

  async leave(connection: WsConnection, room: string): Promise<void> {
    await this.entities.wsSubscription.delete({ orgId: connection.orgId, room, connectionId: connection.connectionId }).go();
    await this.entities.wsConnection.update({ connectionId: connection.connectionId }).delete({ rooms: [room] }).go();
  }

  /** Every member of a room: one Query on the room's partition (paged through). */
  async members(orgId: string, room: string): Promise<WsSubscription[]> {
    const { data } = await this.entities.wsSubscription.query.byRoom({ orgId, room }).go({ pages: 'all' });
    return data;
  }

  async remove(connectionId: string): Promise<WsConnection | undefined> {
    const connection = await this.connection(connectionId);
    if (!connection) return undefined;
    const rooms = connection.rooms ?? [];
    if (rooms.length) {
      await this.entities.wsSubscription.delete(rooms.map((room) => ({ orgId: connection.orgId, room, connectionId }))).go();
    }
    await this.entities.wsConnection.delete({ connectionId }).go();
    return connection;
  }
}
