import { describe, expect, it } from 'vitest';
import {
  deadlinesOf, defaultSlaPolicy, pauseSla, pauseSlaManually, resumeSlaManually, SlaAlreadyPausedError, SlaNotPausedError,
  startSla, toTicketSlaView,
} from '../../../../functions/domain/sla';
import { at, berlinOffice, berlinPolicy } from './fixtures';

const by = { byId: 'u1', byName: 'Agent', reason: 'waiting for the vendor' };

describe('staff hold of the SLA clock', () => {
  it('stops the deadlines, records who and why, and refuses a second hold', () => {
    const created = startSla(defaultSlaPolicy(), 'high', at('2026-05-04T08:00:00Z'));
    const held = pauseSlaManually(created, at('2026-05-04T08:30:00Z'), by);
    expect(deadlinesOf(held)).toEqual([]);
    expect(held.slaVersion).toBe(created.slaVersion + 1);
    expect(toTicketSlaView(held)).toMatchObject({
      firstResponseDueAt: null, pausedSince: '2026-05-04T08:30:00.000Z', manualPause: { since: '2026-05-04T08:30:00.000Z', ...by },
    });
    expect(() => pauseSlaManually(held, at('2026-05-04T09:00:00Z'), by)).toThrow(SlaAlreadyPausedError);
  });

  it('on release, moves each due time by the business time held', () => {
    const created = startSla(berlinPolicy, 'high', at('2026-03-02T08:00:00Z')); // first response due 10:00Z
    const held = pauseSlaManually(created, at('2026-03-02T09:00:00Z'), by);
    // Released Tue 09:00 CET (08:00Z): one business hour was left, due 10:00 CET.
    const released = resumeSlaManually(held, berlinOffice, at('2026-03-03T08:00:00Z'), true);
    expect(toTicketSlaView(released)).toMatchObject({ firstResponseDueAt: '2026-03-03T09:00:00.000Z', pausedSince: null });
    expect(released.manualPause).toBeNull();
    expect(() => resumeSlaManually(released, berlinOffice, at('2026-03-03T09:00:00Z'), true)).toThrow(SlaNotPausedError);
  });

  it('joins a status pause and, released while the status still waits, leaves that pause in place', () => {
    const created = startSla(defaultSlaPolicy(), 'high', at('2026-05-04T08:00:00Z'));
    const waiting = pauseSla(created, at('2026-05-04T08:10:00Z'));
    const held = pauseSlaManually(waiting, at('2026-05-04T08:20:00Z'), by);
    expect(held.pausedSince).toBe('2026-05-04T08:10:00.000Z');
    expect(held.slaVersion).toBe(waiting.slaVersion);
    const released = resumeSlaManually(held, '24x7', at('2026-05-04T09:00:00Z'), false);
    expect(released).toMatchObject({ pausedSince: '2026-05-04T08:10:00.000Z', manualPause: null });
    expect(deadlinesOf(released)).toEqual([]);
  });
});
