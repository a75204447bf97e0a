import { DEFAULT_SLA_TARGETS, type SlaCalendar, type SlaTargets } from '../../../../schemas/sla-policies';
import type { SlaPolicy } from '../../../../functions/domain/sla';

/*
 * Shared calendars. Europe/Berlin is UTC+1 (CET) until 2026-03-29 01:00Z and from
 * 2026-10-25 01:00Z, UTC+2 (CEST) in between. America/New_York is UTC-5 (EST) until
 * 2026-03-08 07:00Z and from 2026-11-01 06:00Z, UTC-4 (EDT) in between.
 * 2026-03-02, 2026-03-09, 2026-03-30, 2026-05-04 are Mondays; 2026-04-03 and 2026-12-25 Fridays.
 */

const day = [['09:00', '12:30'], ['13:30', '17:00']] as [string, string][];

/** Mon-Fri 09:00-12:30 and 13:30-17:00 (7 h a day), closed on Good Friday and Christmas. */
export const berlinOffice: SlaCalendar = {
  timezone: 'Europe/Berlin',
  hours: { mon: day, tue: day, wed: day, thu: day, fri: day },
  holidays: ['2026-04-03', '2026-12-25'],
};

export function weekly(timezone: string, hours: Record<string, [string, string][]>, holidays: string[] = []): SlaCalendar {
  return { timezone, hours, holidays };
}

export function everyDay(timezone: string, periods: [string, string][]): SlaCalendar {
  return weekly(timezone, Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, periods])));
}

function targets(): SlaTargets {
  return JSON.parse(JSON.stringify(DEFAULT_SLA_TARGETS)) as SlaTargets;
}

/** The default targets on the Berlin office calendar. */
export const berlinPolicy: SlaPolicy = { id: 'berlin-office', name: 'Berlin office', calendar: berlinOffice, targets: targets() };

export const at = (iso: string): Date => new Date(iso);
