import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pauseSlaManually, recordAgentReply, recordCustomerMessage, recordReachedDeadlines, startSla, type SlaState } from '../../../../functions/domain/sla';
import { decodeSlaState, encodeSlaState } from '../../../../functions/domain/sla/sla-codec';
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemSize } from '../../../../bin/local/capacity/units';
import { at, berlinPolicy } from './fixtures';

const roundTrip = (value: unknown) => decodeSlaState(encodeSlaState(value));
/** Bytes of the attribute as DynamoDB sizes an item (names, values, map and list overheads). */
const storedBytes = (value: unknown) => itemSize(marshall({ sla: value }, { removeUndefinedValues: true }));

/** A busy ticket's state: replies, a customer message, a breach and a manual hold. */
function busyState(): SlaState {
  let state = startSla(berlinPolicy, 'high', at('2026-03-02T08:15:00.000Z'));
  state = recordAgentReply(state, at('2026-03-02T09:01:12.345Z'));
  state = recordCustomerMessage(state, berlinPolicy.calendar, at('2026-03-02T10:00:00.000Z'));
  state = recordReachedDeadlines(state, at('2026-03-05T10:00:00.000Z')).state;
  state = pauseSlaManually(state, at('2026-03-05T11:00:00.000Z'), { byId: 'usr_1', byName: 'Ana', reason: 'waiting on ~vendor' });
  return { ...state, policyReason: { kind: 'conditions', matched: { priority: 'high', A: '~t1', _x: 'firstResponse' } } };
}

describe('the stored SLA state', () => {
  it('reads back exactly what was written, breaches, holds and reasons included', () => {
    const state = busyState();
    expect(state.breached.length).toBeGreaterThan(0);
    expect(roundTrip(state)).toEqual(state);
  });

  it('keeps strings that look like its own codes, and times it cannot shorten, as they were', () => {
    const odd = {
      a: '~', b: '~~t1', c: '~w0', d: '2026-03-02T08:15:00Z', e: '2026-02-30T08:15:00.000Z', f: '0001-01-01T00:00:00.000Z',
      g: ['_', '_A', null, true, 0, -1.5], A: 1, _B: 2, policyId: 'critical', nested: { '': '', resolution: 'resolution' },
    };
    expect(roundTrip(odd)).toEqual(odd);
  });

  it('takes under a third of the bytes of the map it replaces', () => {
    const state = busyState();
    const stored = encodeSlaState(state);
    expect(stored).toBeInstanceOf(Uint8Array);
    expect(storedBytes(stored)).toBeLessThan(storedBytes(state) * 0.3);
  });

  it('reads a state stored as a map before the codec, and leaves absent states absent', () => {
    const state = busyState();
    expect(decodeSlaState(state)).toBe(state);
    expect(encodeSlaState(undefined)).toBeUndefined();
    expect(encodeSlaState(null)).toBeNull();
    expect(decodeSlaState(undefined)).toBeUndefined();
    const stored = encodeSlaState(state);
    expect(encodeSlaState(stored)).toBe(stored);
  });

  it('refuses a code it does not know rather than invent a value', () => {
    const stored = (json: string) => new Uint8Array(Buffer.concat([Buffer.of(1), deflateRawSync(json)]));
    expect(decodeSlaState(stored('{"A":"~w1"}'))).toEqual({ policyId: 'nextResponse' });
    expect(() => decodeSlaState(stored('{"A":"~wzz"}'))).toThrow(/unreadable SLA state/);
    expect(() => decodeSlaState(stored('{"A":"~q1"}'))).toThrow(/unreadable SLA state/);
    expect(() => decodeSlaState(new Uint8Array([9, 1, 2]))).toThrow(/unreadable SLA state: format 9/);
  });
});
