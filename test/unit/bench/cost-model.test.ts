import { describe, expect, it } from 'vitest';
import { costPer1000 } from '../../../bench/cost-model';
import { PRICES } from '../../../bench/prices';
import type { BusEvent } from '../../../schemas/events';

const usage = { httpRequests: 0, httpMs: 0, rcu: 0, wcu: 0, events: [], schedulesCreated: 0, schedulesDeleted: 0, mailsSent: 0 };

describe('the bench cost model', () => {
  it('bills a schedule when it fires: one cancelled before its time costs nothing', () => {
    const cost = costPer1000({ ...usage, schedulesCreated: 29, schedulesDeleted: 27 });
    expect(cost.schedulesFired).toBe(2);
    expect(cost.parts.scheduler).toBeCloseTo(2 * PRICES.schedulerInvocation * 1000, 12);
    expect(cost.invocations).toBe(2);
  });

  it('prices write and read units at the on-demand rates', () => {
    const cost = costPer1000({ ...usage, wcu: 100, rcu: 10 });
    expect(cost.parts.dynamodb).toBeCloseTo((100 * PRICES.dynamoWriteRequestUnit + 10 * PRICES.dynamoReadRequestUnit) * 1000, 12);
  });

  it('counts idempotency records only for the consumers whose rule keeps them, and only the consumers a filter wakes', () => {
    const event = (detail: Record<string, unknown>) => ({ 'detail-type': detail.type, detail }) as unknown as BusEvent;
    // A customer's reply: the email notifier (record), the SLA planner (by construction) and the
    // three consumers of every event wake; the rollup's filter keeps it asleep (staff replies only).
    const reply = event({ type: 'ticket.message.added', internal: false, actor: { role: 'customer' }, data: { authorRole: 'customer' }, ticket: { channel: 'email', assigneeId: null } });
    const cost = costPer1000({ ...usage, events: [reply] });
    expect(cost.consumers).toBe(5); // email-notifier, sla-planner, automations, webhook-fan-out, realtime-broadcast
    expect(cost.recording).toBe(3); // email-notifier, webhook-fan-out, realtime-broadcast
    expect(cost.wcuWithIdempotency).toBe(3 * 2);
  });
});
