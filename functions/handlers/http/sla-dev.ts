import type { DevScheduleBody } from '../../../schemas/sla-api';
import { type TimerPayload, localScheduler } from '../../adapters/scheduler';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

/** Local runtime only (never deployed): the scheduler stand-in's pending timers and call counters. */
export const handler = routeGroup('sla-dev', {
  listDevSchedules: async ({ caller, query }: ParsedRequest<unknown, { ticketId?: string }>) => {
    const local = localScheduler();
    const pending = local
      .pending()
      .filter((t) => t.payload.orgId === caller.orgId && (!query.ticketId || t.payload.ticketId === query.ticketId))
      .map((t) => ({ name: t.name, at: t.at, payload: t.payload }));
    return { status: 200, body: { counters: local.counters(), pending } };
  },

  createDevSchedule: async ({ caller, body }: ParsedRequest<DevScheduleBody>) => {
    const payload = { ...body.payload, orgId: caller.orgId } as TimerPayload;
    await localScheduler().schedule({ name: body.name, at: new Date(body.at), payload });
    return { status: 202 };
  },
});
