import type { TimerPayload } from '../../../functions/domain/ports/timer-scheduler';
import { routeGroup } from '../../../functions/handlers/kit/http-route';
import { HTTP_ROUTES } from '../../../functions/manifest/http-routes';
import { localWorld } from '../local-world';

/** Local runtime only (never deployed): the scheduler stand-in's pending timers and call counters. */
export const handler = routeGroup('sla-dev', HTTP_ROUTES, {
  listDevSchedules: async ({ caller, query }) => {
    const local = localWorld().scheduler;
    const pending = local
      .pending()
      .filter((t) => t.payload.orgId === caller.orgId && (!query.ticketId || ('ticketId' in t.payload && t.payload.ticketId === query.ticketId)))
      .map((t) => ({ name: t.name, at: t.at, payload: t.payload }));
    return { status: 200, body: { counters: local.counters(), pending } };
  },

  createDevSchedule: async ({ caller, body }) => {
    const payload = { ...body.payload, orgId: caller.orgId } as TimerPayload;
    await localWorld().scheduler.schedule({ name: body.name, at: new Date(body.at), payload });
    return { status: 202 };
  },
});
