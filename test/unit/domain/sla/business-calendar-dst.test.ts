import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween } from '../../../../functions/domain/sla';
import { at, berlinOffice, everyDay, weekly } from './fixtures';

/*
 * Business hours are local wall-clock times: an instant counts when its local reading lies in
 * a period. A period's real length on a DST day follows the local clock.
 */

const between = (cal: Parameters<typeof businessMinutesBetween>[0], from: string, to: string) =>
  businessMinutesBetween(cal, at(from), at(to));
const add = (cal: Parameters<typeof addBusinessMinutes>[0], from: string, minutes: number) =>
  addBusinessMinutes(cal, at(from), minutes).toISOString();

describe('Europe/Berlin spring forward, Sun 2026-03-29 (02:00 CET -> 03:00 CEST at 01:00Z)', () => {
  const night = weekly('Europe/Berlin', { sun: [['01:00', '04:00']] });

  it('a 01:00-04:00 window holds 2 real hours', () => {
    // 01:00 CET = 00:00Z to 04:00 CEST = 02:00Z
    expect(between(night, '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z')).toBe(120);
  });

  it('adding runs straight across the jump', () => {
    // from 00:00Z (01:00 CET): 60 min to 01:00Z (02:00 CET = 03:00 CEST), +30 -> 01:30Z (03:30 CEST)
    expect(add(night, '2026-03-29T00:00:00Z', 90)).toBe('2026-03-29T01:30:00.000Z');
  });

  it('a window inside the skipped hour holds no time', () => {
    // 02:00-02:30 never happens that Sunday; next is Mon 09:00 CEST = 07:00Z, +30
    const gap = weekly('Europe/Berlin', { sun: [['02:00', '02:30']], mon: [['09:00', '10:00']] });
    expect(between(gap, '2026-03-29T00:00:00Z', '2026-03-29T23:00:00Z')).toBe(0);
    expect(add(gap, '2026-03-29T00:00:00Z', 30)).toBe('2026-03-30T07:30:00.000Z');
  });

  it('the whole local day has 23 hours', () => {
    // 00:00 CET = 2026-03-28T23:00Z to 24:00 CEST = 2026-03-29T22:00Z
    expect(between(everyDay('Europe/Berlin', [['00:00', '24:00']]), '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z')).toBe(1380);
  });

  it('office hours across the weekend change offset', () => {
    // Fri 27th 16:00 CET (15:00Z): 60 min to 17:00; Mon 30th 09:00 CEST (07:00Z) + 60 -> 08:00Z
    expect(add(berlinOffice, '2026-03-27T15:00:00Z', 120)).toBe('2026-03-30T08:00:00.000Z');
  });
});

describe('Europe/Berlin fall back, Sun 2026-10-25 (03:00 CEST -> 02:00 CET at 01:00Z)', () => {
  it('a 01:00-04:00 window holds 4 real hours', () => {
    // 01:00 CEST = 2026-10-24T23:00Z to 04:00 CET = 03:00Z
    const night = weekly('Europe/Berlin', { sun: [['01:00', '04:00']] });
    expect(between(night, '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z')).toBe(240);
  });

  it('a window starting in the repeated hour counts both occurrences', () => {
    // 02:30-03:30 local: 02:30-03:00 CEST (00:30Z-01:00Z), then after the clock goes back
    // 02:30-03:30 CET (01:30Z-02:30Z): 30 + 60 = 90 real minutes
    const late = weekly('Europe/Berlin', { sun: [['02:30', '03:30']] });
    expect(between(late, '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z')).toBe(90);
    // from 00:00Z: 30 min (00:30Z-01:00Z), then 15 more from 01:30Z -> 01:45Z
    expect(add(late, '2026-10-25T00:00:00Z', 45)).toBe('2026-10-25T01:45:00.000Z');
  });

  it('the whole local day has 25 hours', () => {
    // 00:00 CEST = 2026-10-24T22:00Z to 24:00 CET = 2026-10-25T23:00Z
    expect(between(everyDay('Europe/Berlin', [['00:00', '24:00']]), '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z')).toBe(1500);
  });

  it('office hours across the weekend change offset', () => {
    // Fri 23rd 16:00 CEST (14:00Z): 60 min; Mon 26th 09:00 CET (08:00Z) + 60 -> 09:00Z
    expect(add(berlinOffice, '2026-10-23T14:00:00Z', 120)).toBe('2026-10-26T09:00:00.000Z');
  });
});

describe('America/New_York spring forward, Sun 2026-03-08 (02:00 EST -> 03:00 EDT at 07:00Z)', () => {
  it('the whole local day has 23 hours', () => {
    // 00:00 EST = 05:00Z to 24:00 EDT = 2026-03-09T04:00Z
    expect(between(everyDay('America/New_York', [['00:00', '24:00']]), '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z')).toBe(1380);
  });

  it('a 01:00-04:00 window holds 2 real hours', () => {
    // 01:00 EST = 06:00Z to 04:00 EDT = 08:00Z
    const night = weekly('America/New_York', { sun: [['01:00', '04:00']] });
    expect(between(night, '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z')).toBe(120);
  });

  it('daily 09:00-17:00 opens at 09:00 EDT on the Sunday', () => {
    // Sat 16:00 EST (21:00Z): 60 min; Sun 09:00 EDT (13:00Z) + 60 -> 14:00Z
    expect(add(everyDay('America/New_York', [['09:00', '17:00']]), '2026-03-07T21:00:00Z', 120)).toBe('2026-03-08T14:00:00.000Z');
  });
});

describe('America/New_York fall back, Sun 2026-11-01 (02:00 EDT -> 01:00 EST at 06:00Z)', () => {
  it('the whole local day has 25 hours', () => {
    // 00:00 EDT = 04:00Z to 24:00 EST = 2026-11-02T05:00Z
    expect(between(everyDay('America/New_York', [['00:00', '24:00']]), '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z')).toBe(1500);
  });

  it('a 01:00-02:00 window is lived twice: 2 real hours', () => {
    // 01:00 EDT = 05:00Z to 02:00 EST = 07:00Z; from 00:00Z + 90 -> 06:30Z (01:30 EST)
    const night = weekly('America/New_York', { sun: [['01:00', '02:00']] });
    expect(between(night, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).toBe(120);
    expect(add(night, '2026-11-01T00:00:00Z', 90)).toBe('2026-11-01T06:30:00.000Z');
  });

  it('daily 09:00-17:00 opens at 09:00 EST on the Sunday', () => {
    // Sat 16:00 EDT (20:00Z): 60 min; Sun 09:00 EST (14:00Z) + 60 -> 15:00Z
    expect(add(everyDay('America/New_York', [['09:00', '17:00']]), '2026-10-31T20:00:00Z', 120)).toBe('2026-11-01T15:00:00.000Z');
  });
});
