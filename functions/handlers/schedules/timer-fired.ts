import * as z from 'zod';
import { sendWeeklySummary } from '../../domain/analytics/weekly-summary';
import { runTimedAutomations } from '../../domain/automations/run-automations';
import type { WeeklySummaryPayload } from '../../domain/ports/recurring-scheduler';
import { fireTimer } from '../../domain/timers/fire-timer';
import { planTicketTimers } from '../../domain/timers/plan-ticket-timers';
import type { TimerPayload } from '../../domain/timers/plan-timers';
import { logger } from '../../observability';
import { timerTarget } from '../kit/timer-target';

const Key = { orgId: z.string().min(1), ticketId: z.string().min(1) };
const TICKET_TIMER_KINDS = ['sla', 'auto-close', 'survey', 'automation'] as const satisfies readonly TimerPayload['kind'][];
// A timer kind added to TimerPayload and not listed here would be dropped as not ours: fail the build instead.
const everyKindListed: [Exclude<TimerPayload['kind'], (typeof TICKET_TIMER_KINDS)[number]>] extends [never] ? true : never = true;
void everyKindListed;
/**
 * What every schedule of ours carries: its kind and whose it is (the domain reads the rest and
 * says when a timer no longer applies). Scheduler hands the target its Input verbatim, so
 * anything else (a rule's "Scheduled Event", a hand-made schedule) is not ours, and no retry
 * makes it so.
 */
const Payload = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('weekly-summary'), orgId: z.string().min(1) }),
  z.looseObject({ kind: z.enum(TICKET_TIMER_KINDS), ...Key }),
]);

/**
 * The target of every schedule (EventBridge Scheduler in AWS, the local stand-in locally): the
 * input is the timer's payload, or an organization's weekly summary (its one recurring
 * schedule). Stale or pointless firings are logged and succeed, so Scheduler does not retry
 * them; so is an input that is not one of our timers (logged); unexpected errors throw and are retried.
 */
export const handler = timerTarget(async (input: unknown, { deps, ports, config }) => {
  const read = Payload.safeParse(input);
  if (!read.success) {
    logger.error('schedule input is not a timer of ours; dropped', { input: JSON.stringify(input ?? null).slice(0, 1000) });
    return { done: false, reason: 'unreadable-payload' } as const;
  }
  const payload = read.data as TimerPayload | WeeklySummaryPayload;
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
