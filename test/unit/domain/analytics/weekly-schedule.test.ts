import { describe, expect, it } from 'vitest';
import { weeklyCronExpression } from '../../../../functions/adapters/timer-scheduler.eventbridge';
import { localInstant, nextWeeklyFiring, weekBefore, weeklyScheduleName } from '../../../../functions/domain/analytics/weekly-schedule';
import { composeSummaryText, formatDuration } from '../../../../functions/domain/analytics/weekly-summary';

const iso = (d: Date) => d.toISOString();

describe('weekly schedule time', () => {
  it('fires next at the weekday and local hour, strictly after now', () => {
    const monday8 = { day: 'monday' as const, hour: 8, timeZone: 'Europe/Berlin' };
    // Wednesday 2026-03-04: next Monday is 03-09, 08:00 CET = 07:00 UTC.
    expect(iso(nextWeeklyFiring(monday8, new Date('2026-03-04T12:00:00Z')))).toBe('2026-03-09T07:00:00.000Z');
    // Monday before 08:00 local: the same day; at 08:00 exactly: a week later.
    expect(iso(nextWeeklyFiring(monday8, new Date('2026-03-09T06:59:59Z')))).toBe('2026-03-09T07:00:00.000Z');
    expect(iso(nextWeeklyFiring(monday8, new Date('2026-03-09T07:00:00Z')))).toBe('2026-03-16T07:00:00.000Z');
    // Across the spring change (2026-03-29): 08:00 CEST = 06:00 UTC.
    expect(iso(nextWeeklyFiring(monday8, new Date('2026-03-24T12:00:00Z')))).toBe('2026-03-30T06:00:00.000Z');
    // A zone east of UTC whose local Monday starts on Sunday in UTC.
    expect(iso(nextWeeklyFiring({ day: 'monday', hour: 0, timeZone: 'Pacific/Auckland' }, new Date('2026-03-04T00:00:00Z')))).toBe('2026-03-08T11:00:00.000Z');
  });

  it('summarises the seven local dates before the firing\'s date', () => {
    expect(weekBefore(new Date('2026-03-09T07:00:00Z'), 'Europe/Berlin')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    // Midnight firings: the date is the firing's own, not the day before.
    expect(weekBefore(new Date('2026-03-08T11:00:00Z'), 'Pacific/Auckland')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(localInstant('2026-03-09', 0, 'Pacific/Auckland')).toBe(Date.parse('2026-03-08T11:00:00Z'));
  });

  it('names one schedule per organization within Scheduler\'s limits, and spells the cron of AWS', () => {
    expect(weeklyScheduleName('org_demo')).toBe('weekly-summary-org_demo');
    expect(weeklyScheduleName(`org:${'x'.repeat(80)}`)).toMatch(/^weekly-summary-[0-9a-f]{40}$/);
    expect(weeklyCronExpression({ day: 'friday', hour: 17, timeZone: 'Europe/Berlin' })).toBe('cron(0 17 ? * FRI *)');
  });
});

describe('weekly summary text', () => {
  it('formats durations and the measures', () => {
    expect([formatDuration(null), formatDuration(45.4), formatDuration(603), formatDuration(7_203), formatDuration(200_000)])
      .toEqual(['–', '45 s', '10 min 03 s', '2 h 00 min 03 s', '2 d 07 h 33 min']);
    const measures = { count: 0, avgSeconds: null, p50Seconds: null, p90Seconds: null };
    const { subject, text, html } = composeSummaryText('Acme <Inc>', {
      from: '2026-03-02', to: '2026-03-08', tz: 'UTC', created: 4, resolved: 1, closed: 0, reopened: 0,
      backlog: { byStatus: { new: 2, open: 1, resolved: 1 } },
      firstResponse: { ...measures, business: measures }, resolution: { ...measures, business: measures },
      sla: { firstResponse: { met: 0, breached: 0, rate: null }, resolution: { met: 0, breached: 0, rate: null } },
      csat: { count: 0, average: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
    } as never);
    expect(subject).toBe('Acme <Inc>: weekly summary 2026-03-02 – 2026-03-08 (4 created, 1 resolved)');
    expect(text).toMatch(/Backlog now \(open\):\s+3/);
    expect(text).toMatch(/Resolution:\s+0 met, 0 breached \(– met\)/);
    expect(html).toContain('Acme &#60;Inc&#62;');
    expect(html).not.toContain('<Inc>');
  });
});
