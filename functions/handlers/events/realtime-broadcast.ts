import type { Context } from 'aws-lambda';
import { managementClient } from '../../adapters/websocket/management-client';
import { Rooms } from '../../domain/realtime/rooms';
import { scopesOfOrganization } from '../../domain/team/agent-scope';
import { metrics } from '../../observability';
import type { BusEvent } from '../../../schemas/events';
import { deps } from '../deps';
import { type BroadcastResult, broadcastEvent } from './broadcast-event';
import { idempotentConsumer } from './idempotent-consumer';

const rooms = new Rooms(deps);
const broadcast = idempotentConsumer('realtime-broadcast', async (event: BusEvent): Promise<BroadcastResult> =>
  broadcastEvent(rooms, managementClient(), event.detail, await scopesOfOrganization(deps, event.detail.orgId)));

/** Bus rule target for every ticket event: the realtime fan-out to WebSocket subscribers. */
export const handler = async (event: BusEvent, context?: Context) => {
  try {
    return await broadcast(event, context);
  } finally {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};
