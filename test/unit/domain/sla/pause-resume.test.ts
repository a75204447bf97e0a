import { describe, expect, it } from 'vitest';
import {
  deadlinesOf,
  defaultSlaPolicy,
  InvalidSlaArgumentError,
  pauseSla,
  recordAgentReply,
  recordCustomerMessage,
  resumeSla,
  startSla,
  toTicketSlaView,
  type SlaState,
} from '../../../../functions/domain/sla';
import { at, berlinOffice, berlinPolicy } from './fixtures';

const plan = (s: SlaState) => deadlinesOf(s).map((d) => `${d.kind} ${d.stage} ${d.at.toISOString()}`);

describe('pause and resume on business hours (Berlin office, high)', () => {
  // created Mon 2026-03-02 09:00 CET: first response due 11:00 CET, resolution (1440 min)
  // due Thu 12:00 CET (Mon-Wed 1260 + 180)
  const created = startSla(berlinPolicy, 'high', at('2026-03-02T08:00:00Z'));
  // paused Mon 10:00 CET after 60 business minutes
  const paused = pauseSla(created, at('2026-03-02T09:00:00Z'));

  it('starts from the expected due times', () => {
    expect(toTicketSlaView(created).firstResponseDueAt).toBe('2026-03-02T10:00:00.000Z');
    expect(toTicketSlaView(created).resolutionDueAt).toBe('2026-03-05T11:00:00.000Z');
  });

  it('a paused clock has no pending deadline and no due time', () => {
    expect(deadlinesOf(paused)).toEqual([]);
    expect(toTicketSlaView(paused)).toMatchObject({
      firstResponseDueAt: null,
      resolutionDueAt: null,
      pausedSince: '2026-03-02T09:00:00.000Z',
    });
    expect(paused.slaVersion).toBe(created.slaVersion + 1);
  });

  it('resume lays the remaining business time out from the resume instant', () => {
    // resumed Tue 2026-03-03 15:00 CET
    const resumed = resumeSla(paused, berlinOffice, at('2026-03-03T14:00:00Z'));
    expect(plan(resumed)).toEqual([
      // first response: 90 - 60 = 30 left -> 15:30 CET
      'firstResponse warning 2026-03-03T14:30:00.000Z',
      // 120 - 60 = 60 left -> 16:00 CET; the paused business time was Mon 10:00-17:00 (360)
      // + Tue 09:00-15:00 (300) = 660 min, and Mon 11:00 CET + 660 business min is Tue 16:00 too
      'firstResponse breach 2026-03-03T15:00:00.000Z',
      // resolution warning: 1080 - 60 = 1020: Tue 120, Wed 420, Thu 420, Fri 09:00 + 60 -> 10:00 CET
      'resolution warning 2026-03-06T09:00:00.000Z',
      // resolution: 1440 - 60 = 1380: Tue 15:00-17:00 (120), then Wed, Thu, Fri in full -> Fri 17:00 CET
      'resolution breach 2026-03-06T16:00:00.000Z',
    ]);
    expect(resumed.pausedSince).toBeNull();
    expect(resumed.slaVersion).toBe(paused.slaVersion + 1);
  });

  it('a pause wholly outside business hours leaves the due times where they were', () => {
    // created Fri 2026-03-06 16:00 CET: 60 min on Friday, then Mon 09:00 + 60 -> 10:00 CET
    const friday = startSla(berlinPolicy, 'high', at('2026-03-06T15:00:00Z'));
    expect(toTicketSlaView(friday).firstResponseDueAt).toBe('2026-03-09T09:00:00.000Z');
    // paused Fri 18:00 CET, resumed Mon 08:00 CET
    const resumed = resumeSla(pauseSla(friday, at('2026-03-06T17:00:00Z')), berlinOffice, at('2026-03-09T07:00:00Z'));
    expect(plan(resumed)).toEqual(plan(friday));
  });

  it('pausing a paused clock and resuming a running one change nothing', () => {
    expect(pauseSla(paused, at('2026-03-02T10:00:00Z'))).toBe(paused);
    expect(resumeSla(created, berlinOffice, at('2026-03-02T10:00:00Z'))).toBe(created);
  });

  it('refuses to resume before the pause, or at an invalid instant', () => {
    expect(() => resumeSla(paused, berlinOffice, at('2026-03-02T08:59:00Z'))).toThrow(InvalidSlaArgumentError);
    expect(() => pauseSla(created, new Date('not a date'))).toThrow(InvalidSlaArgumentError);
  });
});

describe('pause and resume on 24x7 (critical, created 2026-05-04 10:00Z)', () => {
  const created = startSla(defaultSlaPolicy(), 'critical', at('2026-05-04T10:00:00Z'));

  it('records a breach already due when pausing, and keeps it across the resume', () => {
    const paused = pauseSla(created, at('2026-05-04T10:45:00Z'));
    expect(paused.breached).toEqual([{ kind: 'firstResponse', at: '2026-05-04T10:30:00.000Z' }]);
    const resumed = resumeSla(paused, '24x7', at('2026-05-04T12:00:00Z'));
    // resolution: 45 min used; warning 180 - 45 = 135 -> 14:15Z; breach 240 - 45 = 195 -> 15:15Z
    expect(plan(resumed)).toEqual([
      'resolution warning 2026-05-04T14:15:00.000Z',
      'resolution breach 2026-05-04T15:15:00.000Z',
    ]);
    expect(toTicketSlaView(resumed).firstResponseDueAt).toBe('2026-05-04T10:30:00.000Z');
  });

  it('a customer message during the pause starts the next response in full at resume', () => {
    const replied = recordAgentReply(created, at('2026-05-04T10:10:00Z'));
    const waiting = pauseSla(replied, at('2026-05-04T10:20:00Z'));
    const written = recordCustomerMessage(waiting, '24x7', at('2026-05-04T11:00:00Z'));
    expect(deadlinesOf(written)).toEqual([]);
    const resumed = resumeSla(written, '24x7', at('2026-05-04T11:05:00Z'));
    expect(plan(resumed)).toEqual([
      // next response 30 min from the resume
      'nextResponse warning 2026-05-04T11:27:30.000Z',
      'nextResponse breach 2026-05-04T11:35:00.000Z',
      // resolution used 20 min (10:00-10:20): 160 left to the warning, 220 to the breach
      'resolution warning 2026-05-04T13:45:00.000Z',
      'resolution breach 2026-05-04T14:45:00.000Z',
    ]);
  });
});
