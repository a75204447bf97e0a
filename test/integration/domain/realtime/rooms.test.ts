import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIST_ROOM, Rooms, ticketRoom } from '../../../../functions/domain/realtime/rooms';
import type { Deps } from '../../../../functions/domain/store/store';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

describe('WebSocket rooms against DynamoDB Local', () => {
  let deps: Deps;
  let rooms: Rooms;
  let clients: Awaited<ReturnType<typeof integrationDeps>>['clients'];
  let table: string;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  let other: Awaited<ReturnType<typeof seedOrg>>;
  const now = new Date('2026-03-01T10:00:00.000Z');

  beforeAll(async () => {
    ({ deps, clients, table } = await integrationDeps(() => now));
    rooms = new Rooms(deps);
    org = await seedOrg(deps);
    other = await seedOrg(deps);
  });

  it('records a connection with a 2-hour TTL and finds it by id', async () => {
    const opened = await rooms.open(org.agent, 'conn-ttl');
    expect(opened.ttl).toBe(Math.floor(now.getTime() / 1000) + 7200);
    expect(await rooms.connection('conn-ttl')).toMatchObject({ orgId: org.orgId, userId: org.agent.userId, role: 'agent' });
    expect(await rooms.connection('nobody')).toBeUndefined();
  });

  it('keeps connection ids apart that differ only in case (API Gateway ids are case-sensitive)', async () => {
    await rooms.open(org.agent, 'L0SM9cOFvHcCIhw=');
    await rooms.open(org.customer, 'l0sm9cofvhccihw=');
    expect((await rooms.connection('L0SM9cOFvHcCIhw='))?.role).toBe('agent');
    expect((await rooms.connection('l0sm9cofvhccihw='))?.role).toBe('customer');
  });

  it('finds a room\'s members with one Query on the room partition, per organization', async () => {
    const a1 = await rooms.open(org.agent, 'a1');
    const a2 = await rooms.open(org.agent2, 'a2');
    const x = await rooms.open(other.agent, 'x1');
    await rooms.join(a1, LIST_ROOM, { filter: { status: 'open' } });
    await rooms.join(a2, ticketRoom('t1'));
    await rooms.join(x, LIST_ROOM);
    await rooms.join(x, ticketRoom('t1'));

    const list = await rooms.members(org.orgId, LIST_ROOM);
    expect(list.map((m) => m.connectionId)).toEqual(['a1']);
    expect(list[0]).toMatchObject({ filterStatus: 'open', role: 'agent', ttl: a1.ttl });
    expect((await rooms.members(org.orgId, ticketRoom('t1'))).map((m) => m.connectionId)).toEqual(['a2']);
    expect((await rooms.members(other.orgId, ticketRoom('t1'))).map((m) => m.connectionId)).toEqual(['x1']);

    // The subscription items share the room's partition, tenant first: the broadcaster's Query.
    const { Items = [] } = await clients.document.send(new QueryCommand({
      TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `$helpdesk#orgId_${org.orgId}#room_${LIST_ROOM}` },
    }));
    expect(Items.map((item) => item.connectionId)).toEqual(['a1']);
  });

  it('marks presence, leaves rooms and removes a connection with every subscription', async () => {
    const c = await rooms.open(org.customer, 'c1');
    await rooms.join(c, LIST_ROOM);
    await rooms.setViewing(c, ticketRoom('t9'), true);
    expect(await rooms.subscription(c, ticketRoom('t9'))).toMatchObject({ viewingSince: now.toISOString() });
    await rooms.setViewing(c, ticketRoom('t9'), false);
    expect((await rooms.subscription(c, ticketRoom('t9')))?.viewingSince).toBeUndefined();
    expect((await rooms.connection('c1'))?.rooms?.sort()).toEqual([LIST_ROOM, ticketRoom('t9')].sort());

    await rooms.leave(c, LIST_ROOM);
    expect((await rooms.connection('c1'))?.rooms).toEqual([ticketRoom('t9')]);
    expect((await rooms.members(org.orgId, LIST_ROOM)).some((m) => m.connectionId === 'c1')).toBe(false);

    const removed = await rooms.remove('c1');
    expect(removed?.connectionId).toBe('c1');
    expect(await rooms.connection('c1')).toBeUndefined();
    expect(await rooms.members(org.orgId, ticketRoom('t9'))).toEqual([]);
    expect(await rooms.remove('c1')).toBeUndefined();
  });
});
