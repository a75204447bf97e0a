import type { SlaCalendar, SlaManualPause } from '../../../schemas/sla-policies';
import { SlaAlreadyPausedError, SlaClockStoppedError, SlaNotPausedError } from './errors';
import { pauseSla } from './pause-sla';
import { resumeSla } from './resume-sla';
import { assertInstant, iso } from './sla-timers';
import type { SlaState } from './sla-state';

/**
 * Staff hold the clock at `at`: deadlines reached by then are recorded, the rest stop (as a
 * status pause does) and the hold is kept with who and why. A ticket already paused by its
 * status keeps its pause and gains the hold, so a later status change does not resume it.
 * @throws SlaAlreadyPausedError when staff already hold it; InvalidSlaArgumentError for a bad `at`.
 */
export function pauseSlaManually(state: SlaState, at: Date, by: Omit<SlaManualPause, 'since'>): SlaState {
  assertInstant(at);
  if (state.manualPause) throw new SlaAlreadyPausedError(state.manualPause);
  const paused = pauseSla(state, at);
  return { ...paused, manualPause: { since: iso(at), ...by } };
}

/**
 * Releases the staff hold at `at`. When the ticket's status lets the clock run (`clockRuns`),
 * each unfinished target's remaining business time is laid out from `at` on `calendar`, so
 * its due time moves by the business time held; otherwise the status pause remains.
 * @throws SlaNotPausedError without a hold; InvalidSlaCalendarError / NoBusinessHoursError for a broken calendar.
 */
export function resumeSlaManually(state: SlaState, calendar: SlaCalendar, at: Date, clockRuns: boolean): SlaState {
  assertInstant(at);
  if (!state.manualPause) throw new SlaNotPausedError('the SLA clock of this ticket is not paused by staff');
  const released: SlaState = { ...state, manualPause: null };
  return clockRuns ? resumeSla(released, calendar, at) : released;
}
