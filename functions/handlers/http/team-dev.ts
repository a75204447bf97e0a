import { localEventLog } from '../../adapters/event-log.local';
import { NotFoundError } from '../../domain/errors';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

/** Local developer tool (never deployed): redeliver a bus event, to see consumers shrug off duplicates. */
export const handler = routeGroup('team-dev', {
  redeliverDevEvent: async ({ caller, params }: ParsedRequest<unknown, unknown, { eventId: string }>) => {
    const event = await localEventLog.redeliver(caller.orgId, params.eventId);
    if (!event) throw new NotFoundError('event', params.eventId);
    return { status: 202, body: { id: event.detail.id, type: event['detail-type'] } };
  },
});
