import { isStaff } from '../../domain/caller';
import { DomainError, ForbiddenError, NotFoundError } from '../../domain/errors';
import type { WsConnection } from '../../domain/realtime/connection.entity';
import { LIST_ROOM, Rooms, ticketRoom } from '../../domain/realtime/rooms';
import { loadTicket } from '../../domain/tickets/load-ticket';
import { logger } from '../../observability';
import { type ClientFrame, type FrameError, type ServerFrame, parseClientFrame } from '../../../schemas/realtime';
import type { ConnectionPoster } from '../../domain/ports/connection-poster';
import type { Deps } from '../../domain/store/store';
import { wsRoute } from '../kit/ws-route';
import { announceAvailability, onlineStaff } from './availability';
import { announcePresence, signalRoom } from './room-signals';
import { callerOfConnection, noReply, reply } from './ws-event';

interface ActionContext {
  rooms: Rooms;
  connections: ConnectionPoster;
  deps: Deps;
}

const errorFrame = (error: FrameError): ServerFrame<FrameError> => ({ type: 'error', data: error });

/**
 * `$default`: every client frame. A malformed or unknown frame, or one the caller may not
 * send, is answered with an `error` frame; the connection stays open.
 */
export const handler = wsRoute(async (event, { deps, ports }) => {
  const body = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const parsed = parseClientFrame(body);
  if (!parsed.ok) return reply(errorFrame(parsed.error));
  const { frame } = parsed;
  const ctx: ActionContext = { rooms: new Rooms(deps), connections: ports.connections, deps };
  const connection = await ctx.rooms.connection(event.requestContext.connectionId);
  if (!connection) return reply(errorFrame({ code: 'forbidden', action: frame.action, detail: 'the connection is not registered; reconnect' }));
  try {
    const answer = await perform(ctx, connection, frame);
    return answer ? reply(answer) : noReply();
  } catch (error) {
    if (error instanceof NotFoundError) return reply(errorFrame({ code: 'not-found', action: frame.action, detail: error.message }));
    if (error instanceof ForbiddenError) return reply(errorFrame({ code: 'forbidden', action: frame.action, detail: error.message }));
    if (error instanceof DomainError) return reply(errorFrame({ code: 'invalid-frame', action: frame.action, detail: error.message }));
    logger.error('websocket action failed', { action: frame.action, error: error as Error });
    return reply(errorFrame({ code: 'internal', action: frame.action, detail: 'the action failed; try again' }));
  }
});

async function perform(ctx: ActionContext, connection: WsConnection, frame: ClientFrame): Promise<ServerFrame | undefined> {
  const { orgId, connectionId } = connection;
  const me = { userId: connection.userId, name: connection.name, role: connection.role };
  switch (frame.action) {
    case 'ping':
      // The connection id is the client's own: it lets a client (or a test) ask @connections about itself.
      return { type: 'pong', data: { at: ctx.deps.now().toISOString(), connectionId } };
    case 'subscribe':
      if ('topic' in frame) {
        await ctx.rooms.join(connection, LIST_ROOM, { filter: frame.filter });
        if (!isStaff(callerOfConnection(connection))) {
          return { type: 'subscribed', data: { topic: 'tickets', ...(frame.filter ? { filter: frame.filter } : {}) } };
        }
        await announceAvailability(ctx.rooms, ctx.connections, connection, 'online');
        const online = onlineStaff(await ctx.rooms.members(orgId, LIST_ROOM));
        return { type: 'subscribed', data: { topic: 'tickets', ...(frame.filter ? { filter: frame.filter } : {}), online } };
      }
      await assertCanSee(ctx, connection, frame.ticketId);
      await ctx.rooms.join(connection, ticketRoom(frame.ticketId));
      return { type: 'subscribed', data: { ticketId: frame.ticketId } };
    case 'unsubscribe': {
      if ('topic' in frame) {
        await ctx.rooms.leave(connection, LIST_ROOM);
        await announceAvailability(ctx.rooms, ctx.connections, connection, 'offline');
        return { type: 'unsubscribed', data: { topic: 'tickets' } };
      }
      const current = await ctx.rooms.subscription(connection, ticketRoom(frame.ticketId));
      await ctx.rooms.leave(connection, ticketRoom(frame.ticketId));
      if (current?.viewingSince) await announcePresence(ctx.rooms, ctx.connections, orgId, frame.ticketId);
      return { type: 'unsubscribed', data: { ticketId: frame.ticketId } };
    }
    case 'typing': {
      if (frame.internal && !isStaff(callerOfConnection(connection))) throw new ForbiddenError('customers cannot write internal notes');
      await assertCanSee(ctx, connection, frame.ticketId);
      const data = { ticketId: frame.ticketId, ...me, state: frame.state, ...(frame.internal ? { internal: true } : {}) };
      await signalRoom(ctx.rooms, ctx.connections, orgId, frame.ticketId, { type: 'typing', data }, { senderConnectionId: connectionId, internal: frame.internal });
      return undefined;
    }
    case 'viewing':
      await assertCanSee(ctx, connection, frame.ticketId);
      await ctx.rooms.setViewing(connection, ticketRoom(frame.ticketId), frame.state === 'start');
      await announcePresence(ctx.rooms, ctx.connections, orgId, frame.ticketId);
      return undefined;
    case 'read': {
      await assertCanSee(ctx, connection, frame.ticketId);
      const data = { ticketId: frame.ticketId, messageId: frame.messageId, ...me, at: ctx.deps.now().toISOString() };
      await signalRoom(ctx.rooms, ctx.connections, orgId, frame.ticketId, { type: 'read', data }, { senderConnectionId: connectionId });
      return undefined;
    }
  }
}

/**
 * A member of the ticket's room was checked when it joined; anyone else is checked against the
 * ticket (a customer only their own; another organization's id never loads).
 * @throws NotFoundError when the caller may not see the ticket.
 */
async function assertCanSee(ctx: ActionContext, connection: WsConnection, ticketId: string): Promise<void> {
  if (await ctx.rooms.subscription(connection, ticketRoom(ticketId))) return;
  await loadTicket(ctx.deps, callerOfConnection(connection), ticketId);
}
