import type { SlaTargetKind } from '../../../schemas/sla-policies';
import { deadlinesOf } from '../sla/deadlines-of';
import type { SlaState } from '../sla/sla-state';
import { isAwaitingCustomerStatus, isTerminalStatus } from '../status-groups';
import type { Ticket } from '../tickets/ticket.entity';

/** What a fired timer hands its target; mirrors the scheduler port's payload. */
export type TimerPayload =
  | { kind: 'sla'; orgId: string; ticketId: string; target: SlaTargetKind; stage: 'warning' | 'breach'; slaVersion: number }
  | { kind: 'auto-close'; orgId: string; ticketId: string; stage: 'warning' | 'close'; status: string; since: string }
  | { kind: 'survey'; orgId: string; ticketId: string; closedAt: string }
  /** Time-based automation rules (`hoursSinceUpdate`) may have become due for this version of the ticket. */
  | { kind: 'automation'; orgId: string; ticketId: string; version: number; dueAt: string };

export interface PlannedTimer {
  name: string;
  at: Date;
  payload: TimerPayload;
}

/** The planner's record of a live schedule. */
export interface LiveTimer {
  name: string;
  at: string;
}

export const DEFAULT_AUTO_CLOSE_DAYS = 7;
export const SURVEY_DELAY_MS = 24 * 3_600_000;
const DAY_MS = 86_400_000;
const TARGET_CODE: Record<SlaTargetKind, string> = { firstResponse: 'fr', nextResponse: 'nr', resolution: 'rs' };
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000).toString(36);

/** Deterministic names (<= 64 chars of [A-Za-z0-9-_]): the same plan always yields the same schedules. */
export const timerNames = {
  sla: (ticketId: string, target: SlaTargetKind, stage: 'warning' | 'breach', slaVersion: number) =>
    `sla-${ticketId}-${TARGET_CODE[target]}-${stage === 'warning' ? 'w' : 'b'}-v${slaVersion}`,
  autoClose: (ticketId: string, stage: 'warning' | 'close', since: string) => `ac-${ticketId}-${stage === 'warning' ? 'w' : 'c'}-${seconds(since)}`,
  survey: (ticketId: string, closedAt: string) => `sv-${ticketId}-${seconds(closedAt)}`,
  automation: (ticketId: string, dueAt: Date) => `au-${ticketId}-${Math.floor(dueAt.getTime() / 1000).toString(36)}`,
};

/** When the ticket entered its status; tickets from before `statusSince` existed use their last update. */
export const statusSinceOf = (ticket: Pick<Ticket, 'statusSince' | 'updatedAt'>) => ticket.statusSince ?? ticket.updatedAt;

/** The organization's settings and rules a ticket's lifecycle timers depend on. */
export interface TimerOptions {
  /** Mail the customer 2 days before the auto-close (default true). */
  autoCloseWarning?: boolean;
  /** Hours after closure the survey goes out (default 24). */
  surveyDelayHours?: number;
  /**
   * The `hoursSinceUpdate` thresholds of the enabled automation rules: the ticket gets one
   * timer, at the first threshold after its last update still ahead of `now`.
   */
  idleHours?: readonly number[];
  now?: Date;
}

/**
 * Every timer the ticket should have now: one per pending SLA deadline (none while paused or
 * once done), the auto-close warning (N-2 days) and close (N days) while resolved or waiting on
 * the customer, the satisfaction survey after closure, and one automation timer when a
 * time-based rule could become due. Throws nothing.
 */
export function desiredTimers(ticket: Ticket, autoCloseDays = DEFAULT_AUTO_CLOSE_DAYS, options: TimerOptions = {}): PlannedTimer[] {
  const { orgId, ticketId } = ticket;
  const out: PlannedTimer[] = [];
  const sla = ticket.sla as SlaState | undefined;
  if (sla && !isTerminalStatus(ticket.status)) {
    for (const d of deadlinesOf(sla)) {
      out.push({
        name: timerNames.sla(ticketId, d.kind, d.stage, sla.slaVersion),
        at: d.at,
        payload: { kind: 'sla', orgId, ticketId, target: d.kind, stage: d.stage, slaVersion: sla.slaVersion },
      });
    }
  }
  if (isAwaitingCustomerStatus(ticket.status)) {
    const since = statusSinceOf(ticket);
    const start = Date.parse(since);
    const stages: ['warning' | 'close', number][] = [['close', autoCloseDays]];
    if (autoCloseDays > 2 && options.autoCloseWarning !== false) stages.unshift(['warning', autoCloseDays - 2]);
    for (const [stage, days] of stages) {
      out.push({
        name: timerNames.autoClose(ticketId, stage, since),
        at: new Date(start + days * DAY_MS),
        payload: { kind: 'auto-close', orgId, ticketId, stage, status: ticket.status, since },
      });
    }
  }
  if (ticket.status === 'closed' && ticket.closedAt && !ticket.surveySentAt) {
    out.push({
      name: timerNames.survey(ticketId, ticket.closedAt),
      at: new Date(Date.parse(ticket.closedAt) + (options.surveyDelayHours !== undefined ? options.surveyDelayHours * 3_600_000 : SURVEY_DELAY_MS)),
      payload: { kind: 'survey', orgId, ticketId, closedAt: ticket.closedAt },
    });
  }
  if (options.idleHours?.length && !isTerminalStatus(ticket.status)) {
    const updated = Date.parse(ticket.updatedAt);
    const now = (options.now ?? new Date(updated)).getTime();
    // Strictly after the threshold: `hoursSinceUpdate gt N` holds a millisecond past N hours.
    const due = [...options.idleHours].sort((a, b) => a - b).map((h) => updated + h * 3_600_000 + 1).find((at) => at > now);
    if (due !== undefined) {
      const at = new Date(due);
      out.push({
        name: timerNames.automation(ticketId, at),
        at,
        payload: { kind: 'automation', orgId, ticketId, version: ticket.version, dueAt: at.toISOString() },
      });
    }
  }
  return out;
}

/**
 * What to create and what to delete to go from the live schedules to the desired ones. A live
 * schedule already due is left alone: it has run (and deleted itself) or is running, and a
 * stale firing is harmless. Throws nothing.
 */
export function diffTimers(live: readonly LiveTimer[], desired: readonly PlannedTimer[], now: Date): { create: PlannedTimer[]; cancel: string[] } {
  const liveNames = new Set(live.map((t) => t.name));
  const wanted = new Set(desired.map((t) => t.name));
  return {
    create: desired.filter((t) => !liveNames.has(t.name)),
    cancel: live.filter((t) => !wanted.has(t.name) && Date.parse(t.at) > now.getTime()).map((t) => t.name),
  };
}
