import { routeGroup } from '../../../functions/handlers/kit/http-route';
import { localWorld } from '../local-world';

/** Local runtime only (localOnly in the manifest): the outbox folder over HTTP, for tests and debugging. */
export const handler = routeGroup('email-dev', {
  listDevOutbox: async ({ query }) => ({
    status: 200,
    body: { items: localWorld().outbox.list({ to: query.to }) },
  }),
});
