import {
  ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiGatewayConnectionPoster, postFrames } from '../../../../functions/adapters/connection-poster.apigw';
import type { WsConnection, WsSubscription } from '../../../../functions/domain/realtime/connection.entity';
import { LIST_ROOM, type RoomDirectory, ticketRoom } from '../../../../functions/domain/realtime/rooms';
import { broadcastEvent } from '../../../../functions/domain/realtime/broadcast-event';
import type { TicketEvent } from '../../../../schemas/events';

const ORG = 'org_a';
const apigw = mockClient(ApiGatewayManagementApiClient);
const sdkClient = new ApiGatewayManagementApiClient({ endpoint: 'https://api.example.com/prod', region: 'eu-west-1' });
const client = new ApiGatewayConnectionPoster(sdkClient);

const member = (connectionId: string, over: Partial<WsSubscription> = {}): WsSubscription => ({
  orgId: ORG, room: LIST_ROOM, connectionId, userId: `user-${connectionId}`, role: 'agent', email: `${connectionId}@example.com`, ttl: 1, ...over,
});

class FakeRooms implements RoomDirectory {
  removed: string[] = [];
  constructor(private readonly rooms: Record<string, WsSubscription[]>) {}
  async members(orgId: string, room: string) {
    return (this.rooms[room] ?? []).filter((m) => m.orgId === orgId);
  }
  async remove(connectionId: string) {
    this.removed.push(connectionId);
    return { connectionId } as WsConnection;
  }
}

const event = (over: Partial<TicketEvent> = {}): TicketEvent => ({
  version: '1', id: 'act1', type: 'ticket.message.added', occurredAt: '2026-01-01T00:00:00.000Z', orgId: ORG, ticketId: 't1',
  actor: { id: 'agent1', role: 'agent' }, internal: false, ticketVersion: 2, data: { messageId: 'm1', authorRole: 'agent' },
  ticket: {
    number: 'TKT-2026-000001', subject: 's', status: 'open', priority: 'high', assigneeId: null, requesterEmail: 'carla@example.com',
    escalationTier: 0, channel: 'api', updatedAt: '2026-01-01T00:00:00.000Z', version: 2,
  },
  ...over,
} as TicketEvent);

const posted = () => apigw.commandCalls(PostToConnectionCommand).map((call) => ({
  connectionId: call.args[0].input.ConnectionId,
  frame: JSON.parse(Buffer.from(call.args[0].input.Data as Uint8Array).toString('utf8')),
}));

beforeEach(() => {
  apigw.reset();
  apigw.on(PostToConnectionCommand).resolves({});
});

describe('broadcastEvent', () => {
  it('posts the event to the list and ticket rooms, each connection once', async () => {
    const rooms = new FakeRooms({
      [LIST_ROOM]: [member('a1'), member('a2')],
      [ticketRoom('t1')]: [member('a1', { room: ticketRoom('t1') }), member('cust', { room: ticketRoom('t1'), role: 'customer', email: 'carla@example.com' })],
    });
    const result = await broadcastEvent(rooms, client, event());
    expect(result).toEqual({ recipients: 3, sent: 3, gone: 0, failed: 0 });
    const posts = posted();
    expect(posts.map((p) => p.connectionId).sort()).toEqual(['a1', 'a2', 'cust']);
    expect(posts.find((p) => p.connectionId === 'a1')!.frame).toEqual({ type: 'ticket.message.added', data: event() });
    expect(posts.find((p) => p.connectionId === 'cust')!.frame.data.ticket).not.toHaveProperty('escalationTier');
  });

  it('never posts an internal note to a customer', async () => {
    const rooms = new FakeRooms({
      [ticketRoom('t1')]: [member('a1', { room: ticketRoom('t1') }), member('cust', { room: ticketRoom('t1'), role: 'customer', email: 'carla@example.com' })],
    });
    await broadcastEvent(rooms, client, event({ type: 'ticket.note.added', internal: true, data: { messageId: 'm2' } } as never));
    expect(posted().map((p) => p.connectionId)).toEqual(['a1']);
  });

  it('removes a connection that answers 410 Gone, and still posts to the others', async () => {
    apigw.on(PostToConnectionCommand, { ConnectionId: 'dead' })
      .rejects(new GoneException({ message: 'Gone', $metadata: { httpStatusCode: 410 } }));
    const rooms = new FakeRooms({ [LIST_ROOM]: [member('a1'), member('dead'), member('a2')] });
    const result = await broadcastEvent(rooms, client, event());
    expect(result).toEqual({ recipients: 3, sent: 2, gone: 1, failed: 0 });
    expect(rooms.removed).toEqual(['dead']);
  });

  it('keeps a connection whose post failed otherwise (throttled), without throwing', async () => {
    apigw.on(PostToConnectionCommand, { ConnectionId: 'slow' }).rejects(Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException' }));
    const rooms = new FakeRooms({ [LIST_ROOM]: [member('a1'), member('slow')] });
    const result = await broadcastEvent(rooms, client, event());
    expect(result).toMatchObject({ sent: 1, gone: 0, failed: 1 });
    expect(rooms.removed).toEqual([]);
  });
});

describe('postFrames', () => {
  it('keeps at most the given number of posts in flight, and a slow one holds nobody', async () => {
    let inFlight = 0;
    let peak = 0;
    const order: string[] = [];
    // The slow post finishes only once the 49 others have: if it held a worker's queue, they never would.
    let othersDone!: () => void;
    const allOthersDone = new Promise<void>((resolve) => (othersDone = resolve));
    apigw.on(PostToConnectionCommand).callsFake(async (input: { ConnectionId: string }) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      if (input.ConnectionId === 'c0') await allOthersDone;
      else await new Promise((resolve) => setTimeout(resolve, 5));
      if (input.ConnectionId !== 'c0' && order.length === 48) othersDone();
      inFlight--;
      order.push(input.ConnectionId);
      return {};
    });
    const posts = Array.from({ length: 50 }, (_, i) => ({ connectionId: `c${i}`, frame: { type: 'pong', data: {} } }));
    const outcome = await postFrames(sdkClient, posts, 4);
    expect(outcome.sent).toBe(50);
    expect(peak).toBe(4);
    expect(order.at(-1)).toBe('c0'); // the slow one finished last; the other 49 did not wait for it
  });
});
