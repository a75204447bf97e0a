import { describe, expect, it } from 'vitest';
import { TRANSITIONS, allowedTransitions, checkTransition } from '../../../../functions/domain/tickets/transitions';
import { TicketStatus } from '../../../../schemas/tickets';

const now = new Date('2026-06-01T00:00:00Z');
const agent = { supervisor: false, now };
const supervisor = { supervisor: true, now };

describe('the status machine', () => {
  it('declares every status, and no status moves to itself', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...TicketStatus.options].sort());
    for (const [from, tos] of Object.entries(TRANSITIONS)) expect(tos).not.toContain(from);
  });

  it('lets work flow forward and refuses a jump back to new', () => {
    expect(checkTransition('new', 'in_progress', agent)).toEqual({ ok: true });
    expect(checkTransition('in_progress', 'waiting_on_customer', agent)).toEqual({ ok: true });
    expect(checkTransition('open', 'new', agent)).toEqual({ ok: false, allowed: [...TRANSITIONS.open] });
  });

  it('lets anyone reopen a resolved ticket, only supervisors a closed one, within 30 days', () => {
    expect(checkTransition('resolved', 'open', agent)).toEqual({ ok: true });
    expect(checkTransition('closed', 'open', agent)).toMatchObject({ ok: false, allowed: [], why: expect.stringContaining('supervisor') });
    const recent = { ...supervisor, closedAt: '2026-05-20T00:00:00Z' };
    expect(checkTransition('closed', 'open', recent)).toEqual({ ok: true });
    const old = { ...supervisor, closedAt: '2026-04-01T00:00:00Z' };
    expect(checkTransition('closed', 'open', old)).toMatchObject({ ok: false, why: expect.stringContaining('30 days') });
    expect(allowedTransitions('cancelled', agent)).toEqual([]);
  });

  it('allows closing straight from waiting on the customer (auto-close) but not from open', () => {
    expect(checkTransition('waiting_on_customer', 'closed', agent)).toEqual({ ok: true });
    expect(checkTransition('open', 'closed', agent).ok).toBe(false);
  });
});
