import type { AdvanceClockBody } from '../../../schemas/dev';
import { runningLocalAdapters } from '../../adapters';
import { localEventLog } from '../../adapters/event-log.local';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

/** Developer tools of the local runtime; the manifest marks them localOnly, so CDK never deploys them. */
const clockView = () => {
  const now = runningLocalAdapters().clock.now();
  return { now: now.toISOString(), offsetMs: now.getTime() - Date.now() };
};

export const handler = routeGroup('dev', {
  getDevClock: async () => ({ status: 200, body: clockView() }),

  advanceDevClock: async ({ body }: ParsedRequest<AdvanceClockBody>) => {
    runningLocalAdapters().clock.advance(body.seconds * 1000);
    return { status: 200, body: clockView() };
  },

  listDevEvents: async ({ caller, query }: ParsedRequest<unknown, { type?: string; ticketId?: string }>) => ({
    status: 200,
    body: { items: localEventLog.list({ ...query, orgId: caller.orgId }) },
  }),
});
