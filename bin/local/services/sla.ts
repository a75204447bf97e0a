import type { TimerPayload } from '../../../functions/domain/ports/timer-scheduler';
import { SCHEDULES } from '../../../functions/manifest/schedules';
import { loadHandler } from '../handler-loader';
import { lambdaContext } from '../lambda-context';
import type { LocalService } from './service';

/**
 * The sla feature's local stand-in: EventBridge Scheduler. Timers persist under
 * `.local/schedules/` and fire the same target function as in AWS when due on the local clock.
 */
export const slaService: LocalService = {
  name: 'sla',
  start: async ({ rootDir, world }) => {
    const scheduler = world.scheduler;
    const target = SCHEDULES.target;
    scheduler.start(async (payload: TimerPayload) => {
      const handler = await loadHandler(rootDir, target.entry);
      await handler(payload, lambdaContext('helpdesk-timer-fired', target.timeoutSeconds));
    });
    return {
      banner: [`Scheduler   ${scheduler.pending().length} pending timer(s) in .local/schedules (GET /v1/dev/schedules)`],
      stop: () => scheduler.stop(),
    };
  },
};
