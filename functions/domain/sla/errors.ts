import type { SlaManualPause } from '../../../schemas/sla-policies';
import { DomainError } from '../errors';

/** A weekly calendar with no working minute: no deadline could ever fall due. */
export class NoBusinessHoursError extends DomainError {
  readonly code = 'sla-calendar-without-business-hours';
  readonly title = 'The SLA calendar has no business hours';
  constructor(timezone: string) {
    super(`the calendar in ${timezone} has no working period on any weekday`);
    this.extensions = { timezone };
  }
}

/** A calendar that bypassed the schema: unknown zone, malformed period. */
export class InvalidSlaCalendarError extends DomainError {
  readonly code = 'invalid-sla-calendar';
  readonly title = 'Invalid SLA calendar';
}

/** A negative or non-finite duration, or an invalid instant, given to the SLA maths: a caller's bug. */
export class InvalidSlaArgumentError extends DomainError {
  readonly code = 'invalid-sla-argument';
  readonly title = 'Invalid argument to SLA time computation';
}

/** Staff already hold this ticket's clock. */
export class SlaAlreadyPausedError extends DomainError {
  readonly code = 'sla-already-paused';
  readonly title = 'SLA clock already paused';
  constructor(pause: SlaManualPause) {
    super(`the SLA clock is already paused since ${pause.since}: ${pause.reason}`);
    this.extensions = { manualPause: pause };
  }
}

/** There is no staff hold to release. */
export class SlaNotPausedError extends DomainError {
  readonly code = 'sla-not-paused';
  readonly title = 'SLA clock not paused by staff';
}

/** The ticket has no clock left to hold (no SLA state, or resolved, closed, cancelled). */
export class SlaClockStoppedError extends DomainError {
  readonly code = 'sla-clock-stopped';
  readonly title = 'SLA clock stopped';
}
