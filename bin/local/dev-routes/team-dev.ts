import { NotFoundError } from '../../../functions/domain/errors';
import { routeGroup } from '../../../functions/handlers/kit/http-route';
import { HTTP_ROUTES } from '../../../functions/manifest/http-routes';
import { localWorld } from '../local-world';

/** Local developer tool (never deployed): redeliver a bus event, to see consumers shrug off duplicates. */
export const handler = routeGroup('team-dev', HTTP_ROUTES, {
  redeliverDevEvent: async ({ caller, params }) => {
    const event = await localWorld().events.redeliver(caller.orgId, params.eventId);
    if (!event) throw new NotFoundError('event', params.eventId);
    return { status: 202, body: { id: event.detail.id, type: event['detail-type'] } };
  },
});
