import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../functions/domain/canonical-json';
import { InvalidCursorError } from '../../../../functions/domain/errors';
import { CONDITION_FAILED, cancellationReasons, isConditionFailure } from '../../../../functions/domain/store/cancellation-reasons';
import { openCursor, queryFingerprint, sealCursor } from '../../../../functions/domain/store/cursor';

describe('cancellationReasons', () => {
  it('reads the codes of a cancelled transaction, through the cause chain', () => {
    const aws = Object.assign(new Error('Transaction cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }],
    });
    const wrapped = Object.assign(new Error('Error thrown by DynamoDB client'), { name: 'ElectroError', cause: aws });
    expect(cancellationReasons(wrapped)).toEqual(['None', CONDITION_FAILED]);
    expect(isConditionFailure(wrapped)).toBe(true);
    expect(isConditionFailure(Object.assign(new Error('x'), { CancellationReasons: [{ Code: 'TransactionConflict' }] }))).toBe(false);
  });

  it('knows a single write\'s failed condition by the exception name, whatever the message says', () => {
    const aws = Object.assign(new Error('nothing to see'), { name: 'ConditionalCheckFailedException' });
    expect(isConditionFailure({ message: 'wrapped', cause: aws })).toBe(true);
  });

  it('falls back to the message only when no code is carried', () => {
    expect(cancellationReasons(new Error('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]')))
      .toEqual(['None', CONDITION_FAILED]);
    expect(isConditionFailure(new Error('The conditional request failed'))).toBe(true);
    expect(isConditionFailure(new Error('Requested resource not found'))).toBe(false);
    expect(isConditionFailure(undefined)).toBe(false);
    expect(cancellationReasons('a string')).toEqual([]);
  });
});

describe('cursors', () => {
  it('round-trips a store cursor sealed for the same query, and is null on the last page', () => {
    const f = queryFingerprint('org_a', { status: 'open', assigneeId: 'u1' });
    expect(queryFingerprint('org_a', { assigneeId: 'u1', status: 'open', tag: undefined })).toBe(f);
    const sealed = sealCursor('store-cursor', f)!;
    expect(openCursor(sealed, f)).toBe('store-cursor');
    expect(sealCursor(null, f)).toBeNull();
    expect(openCursor(undefined, f)).toBeNull();
  });

  it('refuses a cursor of another query or organization, and garbage', () => {
    const sealed = sealCursor('store-cursor', queryFingerprint('org_a', { status: 'open' }))!;
    expect(() => openCursor(sealed, queryFingerprint('org_b', { status: 'open' }))).toThrow(InvalidCursorError);
    expect(() => openCursor(sealed, queryFingerprint('org_a', { status: 'new' }))).toThrow(InvalidCursorError);
    expect(() => openCursor('not-a-cursor', 'x')).toThrow(InvalidCursorError);
  });
});

describe('canonicalJson', () => {
  it('gives equal text for equal values whatever their key order, arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('sorts by code unit, leaves out undefined members, and writes a lone undefined as null', () => {
    expect(canonicalJson({ b: 1, B: 2, a: undefined })).toBe('{"B":2,"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
