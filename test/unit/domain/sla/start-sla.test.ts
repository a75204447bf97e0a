import { describe, expect, it } from 'vitest';
import {
  deadlinesOf,
  defaultSlaPolicy,
  isSlaClockRunning,
  recordReachedDeadlines,
  startSla,
  toTicketSlaView,
  type SlaState,
} from '../../../../functions/domain/sla';
import { at, berlinPolicy } from './fixtures';

const plan = (s: SlaState) => deadlinesOf(s).map((d) => `${d.kind} ${d.stage} ${d.at.toISOString()}`);

describe('defaultSlaPolicy', () => {
  it('carries the product defaults on 24x7, next response = first response', () => {
    const policy = defaultSlaPolicy();
    expect(policy.calendar).toBe('24x7');
    expect(policy.targets).toEqual({
      critical: { firstResponseMinutes: 30, nextResponseMinutes: 30, resolutionMinutes: 240 },
      urgent: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 480 },
      high: { firstResponseMinutes: 120, nextResponseMinutes: 120, resolutionMinutes: 1440 },
      medium: { firstResponseMinutes: 240, nextResponseMinutes: 240, resolutionMinutes: 2880 },
      low: { firstResponseMinutes: 480, nextResponseMinutes: 480, resolutionMinutes: 5760 },
    });
  });

  it('is a fresh copy every time', () => {
    defaultSlaPolicy().targets.low.resolutionMinutes = 1;
    expect(defaultSlaPolicy().targets.low.resolutionMinutes).toBe(5760);
  });
});

describe('isSlaClockRunning', () => {
  it.each([
    ['new', true],
    ['open', true],
    ['in_progress', true],
    ['waiting_on_customer', false],
    ['waiting_on_third_party', false],
    ['resolved', false],
    ['closed', false],
    ['cancelled', false],
  ] as const)('%s -> %s', (status, running) => {
    expect(isSlaClockRunning(status)).toBe(running);
  });
});

describe('startSla', () => {
  it('plans warning and breach of first response and resolution (24x7 critical)', () => {
    const state = startSla(defaultSlaPolicy(), 'critical', at('2026-05-04T10:00:00Z'));
    // first response 30 min: warning at 22.5 min; resolution 240 min: warning at 180 min
    expect(plan(state)).toEqual([
      'firstResponse warning 2026-05-04T10:22:30.000Z',
      'firstResponse breach 2026-05-04T10:30:00.000Z',
      'resolution warning 2026-05-04T13:00:00.000Z',
      'resolution breach 2026-05-04T14:00:00.000Z',
    ]);
    expect(state.slaVersion).toBe(1);
    expect(toTicketSlaView(state)).toEqual({
      policyId: 'default',
      firstResponseDueAt: '2026-05-04T10:30:00.000Z',
      nextResponseDueAt: null,
      resolutionDueAt: '2026-05-04T14:00:00.000Z',
      pausedSince: null,
      breached: [],
    });
  });

  it('low priority resolves in 96 h of 24x7', () => {
    const state = startSla(defaultSlaPolicy(), 'low', at('2026-05-04T08:00:00Z'));
    expect(toTicketSlaView(state).resolutionDueAt).toBe('2026-05-08T08:00:00.000Z');
  });

  it('a ticket created on a weekend counts from Monday opening (Berlin office, high)', () => {
    const state = startSla(berlinPolicy, 'high', at('2026-03-07T10:00:00Z')); // Sat
    expect(plan(state)).toEqual([
      // 90 min from Mon 09:00 CET -> 10:30 CET
      'firstResponse warning 2026-03-09T09:30:00.000Z',
      // 120 min -> 11:00 CET
      'firstResponse breach 2026-03-09T10:00:00.000Z',
      // 1080 min: Mon + Tue (840), Wed 09:00-12:30 (210) + 13:30 + 30 -> 14:00 CET
      'resolution warning 2026-03-11T13:00:00.000Z',
      // 1440 min: Mon-Wed (1260), Thu 09:00 + 180 -> 12:00 CET
      'resolution breach 2026-03-12T11:00:00.000Z',
    ]);
  });

  it('a zero-minute target is breached at creation', () => {
    const policy = defaultSlaPolicy();
    policy.targets.critical.firstResponseMinutes = 0;
    const state = startSla(policy, 'critical', at('2026-05-04T10:00:00Z'));
    expect(state.breached).toEqual([{ kind: 'firstResponse', at: '2026-05-04T10:00:00.000Z' }]);
    expect(plan(state)).toEqual(['resolution warning 2026-05-04T13:00:00.000Z', 'resolution breach 2026-05-04T14:00:00.000Z']);
  });
});

describe('recordReachedDeadlines', () => {
  // Berlin office, high, Mon 2026-03-02 11:00 CET: 75 % of 120 min = 90 min ends at 12:30 CET,
  // exactly the start of lunch; 100 % ends at 13:30 + 30 = 14:00 CET
  const started = startSla(berlinPolicy, 'high', at('2026-03-02T10:00:00Z'));

  it('the warning falls at exactly 75 % of the target in business time', () => {
    expect(plan(started).slice(0, 2)).toEqual([
      'firstResponse warning 2026-03-02T11:30:00.000Z',
      'firstResponse breach 2026-03-02T13:00:00.000Z',
    ]);
    expect(recordReachedDeadlines(started, at('2026-03-02T11:29:59.999Z')).reached).toEqual([]);
    const { state, reached } = recordReachedDeadlines(started, at('2026-03-02T11:30:00.000Z'));
    expect(reached).toEqual([{ kind: 'firstResponse', stage: 'warning', at: at('2026-03-02T11:30:00.000Z') }]);
    expect(state.timers.firstResponse?.warned).toBe(true);
    expect(state.slaVersion).toBe(started.slaVersion); // the breach timer stays valid
    expect(recordReachedDeadlines(state, at('2026-03-02T11:45:00Z')).reached).toEqual([]); // a repeated firing is a no-op
  });

  it('records the breach at the due instant', () => {
    const { state, reached } = recordReachedDeadlines(started, at('2026-03-02T13:00:00Z'));
    expect(reached.map((d) => d.stage)).toEqual(['warning', 'breach']);
    expect(state.breached).toEqual([{ kind: 'firstResponse', at: '2026-03-02T13:00:00.000Z' }]);
    // resolution warning at 1080 min: Mon 11:00-17:00 (300), Tue (420), Wed 210 + 13:30 + 150 -> 16:00 CET
    expect(plan(state)[0]).toBe('resolution warning 2026-03-04T15:00:00.000Z');
  });
});
