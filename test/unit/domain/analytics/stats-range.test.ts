import { describe, expect, it } from 'vitest';
import { isIsoDate, segmentsOf } from '../../../../functions/domain/analytics/stats-range';
import { StatsRangeQuery } from '../../../../schemas/analytics';
import { DeflectionQuery } from '../../../../schemas/kb';

describe('stats date ranges', () => {
  it('takes real dates in the years the calendar maths handles, and nothing else', () => {
    expect(['2026-02-28', '1000-01-01', '9998-12-31'].map(isIsoDate)).toEqual([true, true, true]);
    // Year 0000 once reached segmentsOf and failed there (Date.UTC reads years 0-99 as 19xx): a 500.
    expect(['0000-01-01', '0099-06-01', '0999-12-31', '9999-12-31', '2026-02-30', '2026-1-01'].map(isIsoDate)).toEqual([false, false, false, false, false, false]);
    expect(StatsRangeQuery.safeParse({ from: '0000-01-01', to: '0000-01-02' }).success).toBe(false);
  });

  it('maps every accepted range to cells with well-formed keys', () => {
    for (const [from, to] of [['1000-01-01', '1000-01-02'], ['9998-12-30', '9998-12-31']]) {
      for (const segment of segmentsOf(from, to, 'Pacific/Kiritimati').segments) {
        expect(segment.from).toMatch(/^\d{4}-\d{2}-\d{2}/);
        expect(segment.to).toMatch(/^\d{4}-\d{2}-\d{2}/);
      }
    }
  });

  it('refuses a deflection range whose end comes before its start', () => {
    expect(DeflectionQuery.safeParse({ from: '2026-12-31', to: '2020-01-01' }).success).toBe(false);
    expect(DeflectionQuery.safeParse({ from: '2026-01-01', to: '2026-01-01' }).success).toBe(true);
    expect(DeflectionQuery.safeParse({ from: '2030-01-01' }).success).toBe(true); // after today: an empty range, not an error
  });
});
