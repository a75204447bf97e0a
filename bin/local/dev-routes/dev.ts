import { routeGroup } from '../../../functions/handlers/kit/http-route';
import { localWorld } from '../local-world';

/** Developer tools of the local runtime; the manifest marks them localOnly, so CDK never deploys them. */
const clockView = () => {
  const now = localWorld().clock.now();
  return { now: now.toISOString(), offsetMs: now.getTime() - Date.now() };
};

export const handler = routeGroup('dev', {
  getDevClock: async () => ({ status: 200, body: clockView() }),

  advanceDevClock: async ({ body }) => {
    localWorld().clock.advance(body.seconds * 1000);
    return { status: 200, body: clockView() };
  },

  listDevEvents: async ({ caller, query }) => ({
    status: 200,
    body: { items: localWorld().events.list({ ...query, orgId: caller.orgId }) },
  }),
});
