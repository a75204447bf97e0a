import { sendWeeklySummary } from '../../domain/analytics/weekly-summary';
import { runTimedAutomations } from '../../domain/automations/run-automations';
import type { WeeklySummaryPayload } from '../../domain/ports/recurring-scheduler';
import { fireTimer } from '../../domain/timers/fire-timer';
import { planTicketTimers } from '../../domain/timers/plan-ticket-timers';
import type { TimerPayload } from '../../domain/timers/plan-timers';
import { logger } from '../../observability';
import { timerTarget } from '../kit/timer-target';

/**
 * The target of every schedule (EventBridge Scheduler in AWS, the local stand-in locally): the
 * input is the timer's payload, or an organization's weekly summary (its one recurring
 * schedule). Stale or pointless firings are logged and succeed, so Scheduler does not retry
 * them; unexpected errors throw and are retried.
 */
export const handler = timerTarget(async (payload: TimerPayload | WeeklySummaryPayload, { deps, ports, config }) => {
  if (payload.kind === 'weekly-summary') {
    logger.appendKeys({ orgId: payload.orgId, timer: payload.kind });
    const outcome = await sendWeeklySummary(deps, ports.mail, payload, { fromDomain: config.mail.fromDomain, appUrl: config.links.appUrl });
    logger.info('weekly summary fired', outcome.sent ? { week: outcome.week, recipients: outcome.to.length, skipped: outcome.skipped.length } : { why: outcome.why });
    return outcome;
  }
  logger.appendKeys({ orgId: payload.orgId, ticketId: payload.ticketId, timer: payload.kind });
  if (payload.kind === 'automation') {
    const outcomes = await runTimedAutomations(deps, payload);
    // Rules that changed nothing leave the ticket idle: its next threshold gets the timer.
    if (outcomes !== 'stale') await planTicketTimers(deps, ports.timers, payload.orgId, payload.ticketId);
    logger.info('automation timer fired', { payload, outcomes });
    return { done: outcomes !== 'stale', outcomes };
  }
  const outcome = await fireTimer(deps, payload);
  if (outcome.done) logger.info('timer fired', { payload, events: outcome.types });
  else logger.info('timer ignored', { payload, reason: outcome.reason });
  return outcome;
});
