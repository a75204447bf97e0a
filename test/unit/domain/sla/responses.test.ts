import { describe, expect, it } from 'vitest';
import {
  deadlinesOf,
  defaultSlaPolicy,
  recordAgentReply,
  recordCustomerMessage,
  recordFirstResponse,
  recordResolution,
  startSla,
  toTicketSlaView,
  type SlaState,
} from '../../../../functions/domain/sla';
import { at, berlinOffice, berlinPolicy } from './fixtures';

const plan = (s: SlaState) => deadlinesOf(s).map((d) => `${d.kind} ${d.stage} ${d.at.toISOString()}`);

describe('first and next responses (24x7 critical, created 2026-05-04 10:00Z)', () => {
  const created = startSla(defaultSlaPolicy(), 'critical', at('2026-05-04T10:00:00Z'));

  it('the first agent reply meets the first-response target', () => {
    const replied = recordFirstResponse(created, at('2026-05-04T10:10:00Z'));
    expect(recordFirstResponse).toBe(recordAgentReply);
    expect(plan(replied)).toEqual(['resolution warning 2026-05-04T13:00:00.000Z', 'resolution breach 2026-05-04T14:00:00.000Z']);
    expect(toTicketSlaView(replied).firstResponseDueAt).toBeNull();
    expect(replied.breached).toEqual([]);
    expect(replied.slaVersion).toBe(created.slaVersion + 1);
  });

  it('a late reply records the breach at the due instant', () => {
    const late = recordAgentReply(created, at('2026-05-04T10:40:00Z'));
    expect(late.breached).toEqual([{ kind: 'firstResponse', at: '2026-05-04T10:30:00.000Z' }]);
  });

  it('a customer message before the first reply changes nothing', () => {
    expect(recordCustomerMessage(created, '24x7', at('2026-05-04T10:05:00Z'))).toBe(created);
  });

  it('a customer message after a reply starts the next response; the earliest one counts', () => {
    const replied = recordAgentReply(created, at('2026-05-04T10:10:00Z'));
    const asked = recordCustomerMessage(replied, '24x7', at('2026-05-04T11:00:00Z'));
    // 30 min next response: warning at 22.5 min
    expect(plan(asked).slice(0, 2)).toEqual([
      'nextResponse warning 2026-05-04T11:22:30.000Z',
      'nextResponse breach 2026-05-04T11:30:00.000Z',
    ]);
    expect(toTicketSlaView(asked).nextResponseDueAt).toBe('2026-05-04T11:30:00.000Z');
    expect(recordCustomerMessage(asked, '24x7', at('2026-05-04T11:10:00Z'))).toBe(asked);

    const answered = recordAgentReply(asked, at('2026-05-04T11:20:00Z'));
    expect(toTicketSlaView(answered).nextResponseDueAt).toBeNull();
    const again = recordCustomerMessage(answered, '24x7', at('2026-05-04T12:00:00Z'));
    expect(toTicketSlaView(again).nextResponseDueAt).toBe('2026-05-04T12:30:00.000Z');
  });

  it('resolution ends every clock', () => {
    const resolved = recordResolution(recordAgentReply(created, at('2026-05-04T10:10:00Z')), at('2026-05-04T11:00:00Z'));
    expect(deadlinesOf(resolved)).toEqual([]);
    expect(toTicketSlaView(resolved)).toMatchObject({ firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null });
    expect(resolved.breached).toEqual([]);
  });
});

describe('next response on business hours (Berlin office, high)', () => {
  it('a customer message after closing counts from the next opening', () => {
    const created = startSla(berlinPolicy, 'high', at('2026-03-02T08:00:00Z'));
    const replied = recordAgentReply(created, at('2026-03-02T08:30:00Z'));
    // Mon 18:30 CET -> Tue 09:00 + 120 -> 11:00 CET
    const asked = recordCustomerMessage(replied, berlinOffice, at('2026-03-02T17:30:00Z'));
    expect(toTicketSlaView(asked).nextResponseDueAt).toBe('2026-03-03T10:00:00.000Z');
  });
});
