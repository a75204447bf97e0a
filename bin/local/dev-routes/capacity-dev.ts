import { routeGroup } from '../../../functions/handlers/kit/http-route';
import { HTTP_ROUTES } from '../../../functions/manifest/http-routes';
import { QUEUES } from '../../../functions/manifest/queues';
import { localCapacity, setTransactionImages } from '../capacity/local-capacity';
import { localWorld } from '../local-world';

/** Local runtime only (never deployed): the capacity meter's running totals (capacity/local-capacity.ts). */
const view = () => {
  const { queues, eventRetries } = localWorld();
  const capacity = localCapacity();
  // This request is an invocation too: the figure is the others.
  return { ...capacity, inFlight: capacity.inFlight - 1, queued: Object.keys(QUEUES).reduce((sum, name) => sum + queues.visibleCount(name), 0),
    retrying: eventRetries.waiting().length };
};

export const handler = routeGroup('capacity-dev', HTTP_ROUTES, {
  getDevCapacity: async () => ({ status: 200, body: view() }),

  setDevCapacity: async ({ body }) => {
    setTransactionImages(body.transactionImages);
    return { status: 200, body: view() };
  },
});
