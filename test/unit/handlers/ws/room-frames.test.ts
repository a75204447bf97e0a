import { describe, expect, it } from 'vitest';
import { onlineStaff } from '../../../../functions/handlers/ws/availability';
import { presenceFrame } from '../../../../functions/handlers/ws/room-signals';
import type { WsSubscription } from '../../../../functions/domain/realtime/connection.entity';

const member = (connectionId: string, userId: string, role: string, viewingSince?: string): WsSubscription => ({
  orgId: 'o', room: 'ticket#t1', connectionId, userId, role, email: `${userId}@x.io`, name: userId.toUpperCase(), viewingSince, ttl: 1,
});

describe('presence and availability frames', () => {
  it('lists each viewer once, whatever number of tabs they view from', () => {
    const frame = presenceFrame('t1', [
      member('c1', 'ann', 'agent', '2026-01-01T00:00:00Z'), member('c2', 'ann', 'agent', '2026-01-01T00:01:00Z'),
      member('c3', 'bob', 'agent'), member('c4', 'carla', 'customer', '2026-01-01T00:02:00Z'),
    ]);
    expect(frame).toEqual({ type: 'presence', data: { ticketId: 't1', viewers: [
      { userId: 'ann', name: 'ANN', role: 'agent', since: '2026-01-01T00:00:00Z' },
      { userId: 'carla', name: 'CARLA', role: 'customer', since: '2026-01-01T00:02:00Z' },
    ] } });
  });

  it('counts staff on the ticket list as online, once each, never customers', () => {
    expect(onlineStaff([member('c1', 'ann', 'agent'), member('c2', 'ann', 'agent'), member('c3', 'carla', 'customer'), member('c4', 'sue', 'supervisor')]))
      .toEqual([{ userId: 'ann', name: 'ANN', role: 'agent' }, { userId: 'sue', name: 'SUE', role: 'supervisor' }]);
  });
});
