import { describe, expect, it } from 'vitest';
import {
  DONE_STATUSES, OPEN_STATUSES, PAUSED_STATUSES, RUNNING_STATUSES, TERMINAL_STATUSES, isAwaitingCustomerStatus, isDoneStatus,
  isOpenStatus, isPausedStatus, isRunningStatus, isTerminalStatus,
} from '../../../functions/domain/status-groups';
import { TicketStatus } from '../../../schemas/ticket-enums';

describe('status groups', () => {
  it('splits every status into open or done, and open into running or paused', () => {
    expect([...OPEN_STATUSES, ...DONE_STATUSES].sort()).toEqual([...TicketStatus.options].sort());
    expect([...RUNNING_STATUSES, ...PAUSED_STATUSES].sort()).toEqual([...OPEN_STATUSES].sort());
    for (const status of TicketStatus.options) {
      expect(isOpenStatus(status)).toBe(!isDoneStatus(status));
      if (isOpenStatus(status)) expect(isRunningStatus(status)).toBe(!isPausedStatus(status));
    }
  });

  it('names closed and cancelled terminal, resolved done but not terminal', () => {
    expect([...TERMINAL_STATUSES]).toEqual(['closed', 'cancelled']);
    expect(isDoneStatus('resolved')).toBe(true);
    expect(isTerminalStatus('resolved')).toBe(false);
    expect(isTerminalStatus('cancelled')).toBe(true);
  });

  it('waits on the customer when waiting on them or resolved, never otherwise', () => {
    expect(TicketStatus.options.filter(isAwaitingCustomerStatus)).toEqual(['waiting_on_customer', 'resolved']);
  });

  it('puts an unknown status in no group', () => {
    for (const is of [isOpenStatus, isDoneStatus, isRunningStatus, isPausedStatus, isTerminalStatus]) expect(is('archived')).toBe(false);
  });
});
