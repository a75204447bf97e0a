import { routeGroup } from '../../../functions/handlers/kit/http-route';
import { HTTP_ROUTES } from '../../../functions/manifest/http-routes';
import { localWorld } from '../local-world';

/** Local runtime only (localOnly in the manifest): what the Graph API stand-in was asked to send. */
export const handler = routeGroup('meta-dev', HTTP_ROUTES, {
  listDevMetaSends: async ({ query }) => ({ status: 200, body: { items: localWorld().graph.list(query.ticketId) } }),
});
