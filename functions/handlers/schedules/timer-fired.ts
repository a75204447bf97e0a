import { fireTimer } from '../../domain/timers/fire-timer';
import type { TimerPayload } from '../../domain/timers/plan-timers';
import { logger } from '../../observability';
import { timerTarget } from '../kit/timer-target';

/**
 * The target of every one-time schedule (EventBridge Scheduler in AWS, the local stand-in
 * locally): the input is the timer's payload. Stale or pointless firings are logged and
 * succeed, so Scheduler does not retry them; unexpected errors throw and are retried.
 */
export const handler = timerTarget(async (payload: TimerPayload, { deps }) => {
  logger.appendKeys({ orgId: payload.orgId, ticketId: payload.ticketId, timer: payload.kind });
  const outcome = await fireTimer(deps, payload);
  if (outcome.done) logger.info('timer fired', { payload, events: outcome.types });
  else logger.info('timer ignored', { payload, reason: outcome.reason });
  return outcome;
});
