import { describe, expect, it } from 'vitest';
import type { Mailbox } from '../../../../functions/domain/mail-channel/mail-entities';
import { primaryAmong } from '../../../../functions/domain/mail-channel/mailboxes';

const box = (address: string, createdAt?: string) => ({ address, orgId: 'o', kind: 'mailbox', createdAt }) as Mailbox;

describe('primaryAmong', () => {
  it('takes the mailbox the pointer names', () => {
    expect(primaryAmong([box('a@x'), box('b@x')], 'b@x')?.address).toBe('b@x');
  });
  it('without a pointer takes the oldest-created, not the first by address', () => {
    expect(primaryAmong([box('a@x', '2026-02-01T00:00:00Z'), box('z@x', '2026-01-01T00:00:00Z')], null)?.address).toBe('z@x');
  });
  it('counts mailboxes without a creation time as the oldest, first by address among them', () => {
    expect(primaryAmong([box('a@x', '2026-01-01T00:00:00Z'), box('m@x'), box('k@x')], null)?.address).toBe('k@x');
  });
  it('falls back when the pointer names a mailbox that is gone, and is undefined without mailboxes', () => {
    expect(primaryAmong([box('a@x', '2026-01-02T00:00:00Z'), box('b@x', '2026-01-01T00:00:00Z')], 'gone@x')?.address).toBe('b@x');
    expect(primaryAmong([], 'gone@x')).toBeUndefined();
  });
});
