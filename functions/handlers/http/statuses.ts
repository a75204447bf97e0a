import {
  createCustomStatus, getCustomStatus, listCustomStatuses, toCustomStatusView, updateCustomStatus,
} from '../../domain/statuses/manage-statuses';
import { RELATION_ROUTES } from '../../manifest/features/relations';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('statuses', RELATION_ROUTES, {
  createCustomStatus: async ({ caller, body }, { deps }) => {
    const status = await createCustomStatus(deps, caller, body);
    return { status: 201, body: toCustomStatusView(status), headers: { location: `/v1/statuses/${status.statusId}` } };
  },

  listCustomStatuses: async ({ caller }, { deps }) => ({
    status: 200, body: { items: (await listCustomStatuses(deps, caller)).map(toCustomStatusView) },
  }),

  getCustomStatus: async ({ caller, params }, { deps }) => ({
    status: 200, body: toCustomStatusView(await getCustomStatus(deps, caller.orgId, params.statusId)),
  }),

  updateCustomStatus: async ({ caller, params, body }, { deps }) => ({
    status: 200, body: toCustomStatusView(await updateCustomStatus(deps, caller, params.statusId, body)),
  }),
});
