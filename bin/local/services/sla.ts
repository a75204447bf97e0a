import path from 'node:path';
import type { LocalSchedulePayload } from '../adapters/local-scheduler';
import { SCHEDULES } from '../../../functions/manifest/schedules';
import { loadHandler } from '../handler-loader';
import { invoke } from '../invoke';
import { lambdaContext } from '../lambda-context';
import type { LocalService } from './service';

/**
 * The sla feature's local stand-in: EventBridge Scheduler. Timers persist under
 * `.local/schedules/` and fire the same target function as in AWS when due on the local clock.
 */
export const slaService: LocalService = {
  name: 'sla',
  start: async ({ rootDir, dataDir, world }) => {
    const scheduler = world.scheduler;
    const target = SCHEDULES.target;
    scheduler.start(async (payload: LocalSchedulePayload) => {
      await invoke(() => loadHandler<(p: LocalSchedulePayload, c: unknown) => Promise<unknown>>(rootDir, target.entry), payload, lambdaContext('helpdesk-timer-fired', target.timeoutSeconds, target.memoryMb), `timer:${payload.kind}`);
    });
    return {
      banner: [`Scheduler   ${scheduler.pending().length} pending timer(s) in ${path.join(dataDir, 'schedules')} (GET /v1/dev/schedules)`],
      background: true,
      stop: () => scheduler.stop(),
    };
  },
};
