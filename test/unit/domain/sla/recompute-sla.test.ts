import { describe, expect, it } from 'vitest';
import {
  deadlinesOf,
  defaultSlaPolicy,
  pauseSla,
  recomputeSla,
  recordReachedDeadlines,
  resumeSla,
  startSla,
  toTicketSlaView,
  type SlaState,
} from '../../../../functions/domain/sla';
import { at, berlinOffice, berlinPolicy } from './fixtures';

const plan = (s: SlaState) => deadlinesOf(s).map((d) => `${d.kind} ${d.stage} ${d.at.toISOString()}`);
const policy = defaultSlaPolicy();

describe('recomputeSla on a priority change (24x7)', () => {
  const low = startSla(policy, 'low', at('2026-05-04T08:00:00Z'));

  it('keeps the business time used and applies the new targets', () => {
    // 20 min used; critical: first response 30 (warning 22.5), resolution 240 (warning 180)
    const raised = recomputeSla(low, '24x7', { policy, priority: 'critical' }, at('2026-05-04T08:20:00Z'));
    expect(plan(raised)).toEqual([
      'firstResponse warning 2026-05-04T08:22:30.000Z',
      'firstResponse breach 2026-05-04T08:30:00.000Z',
      'resolution warning 2026-05-04T11:00:00.000Z',
      'resolution breach 2026-05-04T12:00:00.000Z',
    ]);
    expect(raised).toMatchObject({ priority: 'critical', targets: policy.targets.critical, slaVersion: 2 });
  });

  it('breaches at once a target whose new limit is already used up', () => {
    // 60 min used > 30
    const raised = recomputeSla(low, '24x7', { policy, priority: 'critical' }, at('2026-05-04T09:00:00Z'));
    expect(raised.breached).toEqual([{ kind: 'firstResponse', at: '2026-05-04T09:00:00.000Z' }]);
    expect(plan(raised)).toEqual(['resolution warning 2026-05-04T11:00:00.000Z', 'resolution breach 2026-05-04T12:00:00.000Z']);
  });

  it('arms a warning again when the new 75 % is ahead', () => {
    const critical = startSla(policy, 'critical', at('2026-05-04T08:00:00Z'));
    const warned = recordReachedDeadlines(critical, at('2026-05-04T08:25:00Z')).state;
    const lowered = recomputeSla(warned, '24x7', { policy, priority: 'low' }, at('2026-05-04T08:26:00Z'));
    expect(plan(lowered)).toEqual([
      // low first response 480 min (warning 360) from 08:00Z
      'firstResponse warning 2026-05-04T14:00:00.000Z',
      'firstResponse breach 2026-05-04T16:00:00.000Z',
      // low resolution 5760 min (warning 4320 = 72 h)
      'resolution warning 2026-05-07T08:00:00.000Z',
      'resolution breach 2026-05-08T08:00:00.000Z',
    ]);
  });

  it('never undoes a breach', () => {
    const critical = startSla(policy, 'critical', at('2026-05-04T08:00:00Z'));
    const breached = recordReachedDeadlines(critical, at('2026-05-04T08:31:00Z')).state;
    const lowered = recomputeSla(breached, '24x7', { policy, priority: 'low' }, at('2026-05-04T09:00:00Z'));
    expect(lowered.breached).toEqual([{ kind: 'firstResponse', at: '2026-05-04T08:30:00.000Z' }]);
    expect(plan(lowered).filter((d) => d.startsWith('firstResponse'))).toEqual([]);
    expect(toTicketSlaView(lowered).firstResponseDueAt).toBe('2026-05-04T08:30:00.000Z');
  });

  it('leaves the version alone when nothing moves', () => {
    const same = recomputeSla(low, '24x7', { policy, priority: 'low' }, at('2026-05-04T08:20:00Z'));
    expect(same.slaVersion).toBe(low.slaVersion);
    expect(plan(same)).toEqual(plan(low));
  });

  it('while paused only changes the targets; the resume uses them', () => {
    const critical = startSla(policy, 'critical', at('2026-05-04T10:00:00Z'));
    const paused = pauseSla(critical, at('2026-05-04T10:10:00Z'));
    const lowered = recomputeSla(paused, '24x7', { policy, priority: 'low' }, at('2026-05-04T10:30:00Z'));
    expect(deadlinesOf(lowered)).toEqual([]);
    expect(lowered.breached).toEqual([]); // the critical due time 10:30Z never came: the clock was stopped
    const resumed = resumeSla(lowered, '24x7', at('2026-05-04T11:00:00Z'));
    // 10 min used: first response 360 - 10 = 350 -> 16:50Z, 480 - 10 = 470 -> 18:50Z
    expect(plan(resumed).slice(0, 2)).toEqual([
      'firstResponse warning 2026-05-04T16:50:00.000Z',
      'firstResponse breach 2026-05-04T18:50:00.000Z',
    ]);
  });
});

describe('recomputeSla on a policy change', () => {
  it('measures the time used on the old calendar and lays the rest on the new one', () => {
    // default policy (24x7), medium, created Mon 2026-03-02 07:00 CET; switched at 09:00 CET
    const medium = startSla(policy, 'medium', at('2026-03-02T06:00:00Z'));
    const moved = recomputeSla(medium, '24x7', { policy: berlinPolicy, priority: 'medium' }, at('2026-03-02T08:00:00Z'));
    expect(moved.policyId).toBe('berlin-office');
    // 120 min used on 24x7 (on office hours it would be 0); first response 240 - 120 = 120
    // from Mon 09:00 CET -> 11:00 CET
    expect(toTicketSlaView(moved).firstResponseDueAt).toBe('2026-03-02T10:00:00.000Z');
    // resolution 2880 - 120 = 2760 = 6 days x 420 + 240: Mon-Fri, Mon 9th, then Tue 10th
    // 09:00-12:30 (210) + 13:30 + 30 -> 14:00 CET
    expect(toTicketSlaView(moved).resolutionDueAt).toBe('2026-03-10T13:00:00.000Z');
    expect(moved.slaVersion).toBe(2);
  });

  it('back from office hours to 24x7', () => {
    // Berlin office, urgent (60 min), created Mon 2026-03-02 12:00 CET; switched at 12:45 CET
    // during lunch, with 30 min used (12:00-12:30)
    const urgent = startSla(berlinPolicy, 'urgent', at('2026-03-02T11:00:00Z'));
    expect(toTicketSlaView(urgent).firstResponseDueAt).toBe('2026-03-02T13:00:00.000Z'); // 14:00 CET
    const moved = recomputeSla(urgent, berlinOffice, { policy, priority: 'urgent' }, at('2026-03-02T11:45:00Z'));
    // 30 min left on 24x7 from 11:45Z -> 12:15Z (lunch now counts); 75 % (45 min) -> 12:00Z
    expect(plan(moved).slice(0, 2)).toEqual([
      'firstResponse warning 2026-03-02T12:00:00.000Z',
      'firstResponse breach 2026-03-02T12:15:00.000Z',
    ]);
  });
});
