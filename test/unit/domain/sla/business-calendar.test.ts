import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  InvalidSlaArgumentError,
  InvalidSlaCalendarError,
  NoBusinessHoursError,
} from '../../../../functions/domain/sla';
import { at, berlinOffice, weekly } from './fixtures';

const add = (start: string, minutes: number) => addBusinessMinutes(berlinOffice, at(start), minutes).toISOString();

describe('addBusinessMinutes on 24x7', () => {
  it('adds elapsed minutes, whatever the local clocks do', () => {
    // 00:30Z + 90 min; Berlin's spring-forward at 01:00Z is irrelevant to 24x7
    expect(addBusinessMinutes('24x7', at('2026-03-29T00:30:00Z'), 90).toISOString()).toBe('2026-03-29T02:00:00.000Z');
  });
});

describe('addBusinessMinutes on weekly hours with a lunch break (Europe/Berlin, CET = UTC+1)', () => {
  it('counts inside a period', () => {
    // Mon 10:00 CET + 60 -> 11:00 CET
    expect(add('2026-03-02T09:00:00Z', 60)).toBe('2026-03-02T10:00:00.000Z');
  });

  it('skips the lunch break', () => {
    // Mon 12:00 CET: 30 min to 12:30, then 13:30 + 30 -> 14:00 CET
    expect(add('2026-03-02T11:00:00Z', 60)).toBe('2026-03-02T13:00:00.000Z');
  });

  it('starting during lunch counts from 13:30', () => {
    // Mon 12:45 CET -> 13:30 + 30 -> 14:00 CET
    expect(add('2026-03-02T11:45:00Z', 30)).toBe('2026-03-02T13:00:00.000Z');
  });

  it('returns the closing time when the time runs out exactly then', () => {
    // Mon 16:00 CET + 60 -> 17:00 CET, not Tuesday 09:00
    expect(add('2026-03-02T15:00:00Z', 60)).toBe('2026-03-02T16:00:00.000Z');
  });

  it('starts before opening at the opening', () => {
    // Mon 07:00 CET -> 09:00 + 30 -> 09:30 CET
    expect(add('2026-03-02T06:00:00Z', 30)).toBe('2026-03-02T08:30:00.000Z');
  });

  it('starts after Friday closing on Monday', () => {
    // Fri 2026-03-06 18:00 CET -> Mon 09:00 + 30 -> 09:30 CET
    expect(add('2026-03-06T17:00:00Z', 30)).toBe('2026-03-09T08:30:00.000Z');
  });

  it('starts on a weekend on Monday', () => {
    // Sat 2026-03-07 10:00 CET -> Mon 09:30 CET
    expect(add('2026-03-07T09:00:00Z', 30)).toBe('2026-03-09T08:30:00.000Z');
  });

  it('skips a holiday', () => {
    // Thu 2026-12-24 16:30 CET: 30 min to 17:00; Fri 25th holiday; weekend; Mon 28th 09:00 + 30
    expect(add('2026-12-24T15:30:00Z', 60)).toBe('2026-12-28T08:30:00.000Z');
  });

  it('starts on a holiday on the next working day', () => {
    // Fri 2026-12-25 10:00 CET (holiday) -> Mon 28th 09:00 + 60 -> 10:00 CET
    expect(add('2026-12-25T09:00:00Z', 60)).toBe('2026-12-28T09:00:00.000Z');
  });

  it('reads holidays as local dates of the calendar zone', () => {
    // Thu 2026-07-02 23:00 EDT is already 2026-07-03 in UTC; Fri 3rd is the holiday, so the
    // minutes fall on Mon 2026-07-06: 09:00 EDT + 60 -> 10:00 EDT = 14:00Z
    const ny = weekly('America/New_York', { mon: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] }, ['2026-07-03']);
    expect(addBusinessMinutes(ny, at('2026-07-03T03:00:00Z'), 60).toISOString()).toBe('2026-07-06T14:00:00.000Z');
  });

  it('zero minutes is the start itself, even outside business hours', () => {
    expect(add('2026-03-07T09:00:00Z', 0)).toBe('2026-03-07T09:00:00.000Z');
    expect(addBusinessMinutes('24x7', at('2026-03-07T09:00:00Z'), 0).toISOString()).toBe('2026-03-07T09:00:00.000Z');
  });

  it('keeps looking past several holidays in a row', () => {
    // open on Mondays only; 2, 9 and 16 March are holidays -> Mon 23rd 09:00 CET + 60 -> 10:00 CET
    const mondays = weekly('Europe/Berlin', { mon: [['09:00', '17:00']] }, ['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(addBusinessMinutes(mondays, at('2026-03-01T12:00:00Z'), 60).toISOString()).toBe('2026-03-23T09:00:00.000Z');
  });
});

describe('long spans', () => {
  it('96 business hours across DST and Good Friday, quickly', () => {
    // 5760 min at 420 a day = 13 days + 300 min from Mon 2026-03-23 09:00 CET:
    // 23-27 Mar (5), 30 Mar-2 Apr (4; 3 Apr holiday), 6-9 Apr (4) = 13 days, then Fri 10 Apr
    // 09:00-12:30 (210) + 13:30 + 90 -> 15:00 CEST = 13:00Z
    const started = performance.now();
    const due = addBusinessMinutes(berlinOffice, at('2026-03-23T08:00:00Z'), 96 * 60);
    expect(due.toISOString()).toBe('2026-04-10T13:00:00.000Z');
    expect(businessMinutesBetween(berlinOffice, at('2026-03-23T08:00:00Z'), due)).toBe(96 * 60);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a year of business minutes (years of calendar) goes day by day, not minute by minute', () => {
    const started = performance.now();
    const due = addBusinessMinutes(berlinOffice, at('2026-03-23T08:00:00Z'), 525_600);
    expect(businessMinutesBetween(berlinOffice, at('2026-03-23T08:00:00Z'), due)).toBe(525_600);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('businessMinutesBetween', () => {
  it('counts only business time', () => {
    // Mon 12:00-14:00 CET: 12:00-12:30 + 13:30-14:00
    expect(businessMinutesBetween(berlinOffice, at('2026-03-02T11:00:00Z'), at('2026-03-02T13:00:00Z'))).toBe(60);
    // Fri 16:00 CET -> Mon 10:00 CET: 60 + 60
    expect(businessMinutesBetween(berlinOffice, at('2026-03-06T15:00:00Z'), at('2026-03-09T09:00:00Z'))).toBe(120);
    // a whole week from Mon 00:00 CET: 5 x 420
    expect(businessMinutesBetween(berlinOffice, at('2026-03-01T23:00:00Z'), at('2026-03-08T23:00:00Z'))).toBe(2100);
  });

  it('is fractional below a minute and 0 for an empty or reversed span', () => {
    expect(businessMinutesBetween(berlinOffice, at('2026-03-02T09:00:00Z'), at('2026-03-02T09:00:30Z'))).toBe(0.5);
    expect(businessMinutesBetween(berlinOffice, at('2026-03-02T10:00:00Z'), at('2026-03-02T09:00:00Z'))).toBe(0);
    expect(businessMinutesBetween('24x7', at('2026-03-02T09:00:00Z'), at('2026-03-02T10:00:00Z'))).toBe(60);
  });
});

describe('unusable input', () => {
  it('a calendar with no working period throws a typed error instead of looping', () => {
    const closed = weekly('Europe/Berlin', {});
    const emptyDays = weekly('Europe/Berlin', { mon: [], sat: [] });
    expect(() => addBusinessMinutes(closed, at('2026-03-02T09:00:00Z'), 60)).toThrow(NoBusinessHoursError);
    expect(() => addBusinessMinutes(emptyDays, at('2026-03-02T09:00:00Z'), 60)).toThrow(NoBusinessHoursError);
    expect(() => businessMinutesBetween(closed, at('2026-03-02T09:00:00Z'), at('2026-03-09T09:00:00Z'))).toThrow(NoBusinessHoursError);
    expect(() => addBusinessMinutes(closed, at('2026-03-02T09:00:00Z'), 60)).toThrow(
      expect.objectContaining({ code: 'sla-calendar-without-business-hours' }),
    );
  });

  it('rejects negative or non-finite minutes and invalid instants', () => {
    expect(() => addBusinessMinutes('24x7', at('2026-03-02T09:00:00Z'), -1)).toThrow(InvalidSlaArgumentError);
    expect(() => addBusinessMinutes('24x7', at('2026-03-02T09:00:00Z'), Number.NaN)).toThrow(InvalidSlaArgumentError);
    expect(() => addBusinessMinutes(berlinOffice, new Date('nope'), 5)).toThrow(InvalidSlaArgumentError);
    expect(() => businessMinutesBetween('24x7', new Date('nope'), at('2026-03-02T09:00:00Z'))).toThrow(InvalidSlaArgumentError);
  });

  it('rejects a calendar that bypassed the schema', () => {
    expect(() => addBusinessMinutes(weekly('Mars/Olympus', { mon: [['09:00', '17:00']] }), at('2026-03-02T09:00:00Z'), 5)).toThrow(InvalidSlaCalendarError);
    expect(() => addBusinessMinutes(weekly('Europe/Berlin', { mon: [['17:00', '09:00']] }), at('2026-03-02T09:00:00Z'), 5)).toThrow(InvalidSlaCalendarError);
  });
});
