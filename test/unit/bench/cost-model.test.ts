import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS, costPer1000 } from '../../../bench/cost-model';
import { PRICES } from '../../../bench/prices';
import type { BusEvent } from '../../../schemas/events';

const usage = { httpRequests: 0, httpMs: 0, rcuAll: 0, wcuAll: 0, events: [], schedulesFired: 0, mailsSent: 0 };

describe('the bench cost model', () => {
  it('bills the schedules that fire (the ticket\'s timers left pending once its consumers are done)', () => {
    const cost = costPer1000({ ...usage, schedulesFired: 2 });
    expect(cost.schedulesFired).toBe(2);
    expect(cost.parts.scheduler).toBeCloseTo(2 * PRICES.schedulerInvocation * 1000, 12);
    expect(cost.invocations).toBe(2);
  });

  it('prices the measured whole lifecycle\'s write and read units at the on-demand rates', () => {
    const cost = costPer1000({ ...usage, wcuAll: 100, rcuAll: 10 });
    expect(cost.parts.dynamodb).toBeCloseTo((100 * PRICES.dynamoWriteRequestUnit + 10 * PRICES.dynamoReadRequestUnit) * 1000, 12);
  });

  it('adds no assumed units per consumer: the consumers\' writes are in the measured figure', () => {
    expect(ASSUMPTIONS).not.toHaveProperty('idempotencyWcuPerConsumer');
    const created = {
      version: '0', id: 'e1', 'detail-type': 'ticket.created', source: 'helpdesk', account: '0', time: '2026-12-07T00:00:00Z', region: 'local', resources: [],
      detail: { type: 'ticket.created', id: 'a1', orgId: 'o', ticketId: 't', actorId: 'u', at: '2026-12-07T00:00:00Z', ticket: { status: 'new', priority: 'high' } },
    } as unknown as BusEvent;
    const quiet = costPer1000({ ...usage, wcuAll: 50 });
    const busy = costPer1000({ ...usage, wcuAll: 50, events: [created] });
    expect(busy.consumers).toBeGreaterThan(0);
    expect(busy.parts.dynamodb).toBe(quiet.parts.dynamodb);
    expect(busy.parts.lambda).toBeGreaterThan(quiet.parts.lambda); // the consumers' invocations and GB-s are still priced
  });

  it('counts the consumers a filter wakes, and those whose rule keeps idempotency records', () => {
    const event = (detail: Record<string, unknown>) => ({ 'detail-type': detail.type, detail }) as unknown as BusEvent;
    // A customer's reply: the email notifier (record), the SLA planner (by construction) and the
    // three consumers of every event wake; the rollup's filter keeps it asleep (staff replies only).
    const reply = event({ type: 'ticket.message.added', internal: false, actor: { role: 'customer' }, data: { authorRole: 'customer' }, ticket: { channel: 'email', assigneeId: null } });
    const cost = costPer1000({ ...usage, events: [reply] });
    expect(cost.consumers).toBe(5); // email-notifier, sla-planner, automations, webhook-fan-out, realtime-broadcast
    // The email notifier only: the webhook fan-out dedupes by construction (its deliveries commit
    // with their dispatch jobs under the delivery's condition), and the realtime broadcast is at
    // least once by contract (clients drop an event id they have seen).
    expect(cost.recording).toBe(1);
    expect(cost.parts.dynamodb).toBe(0); // their records are measured in wcuAll, not assumed here
  });

  it('prices the rollup\'s queue: a message each event, and the measured batches\' invocations and SQS requests', () => {
    const event = (detail: Record<string, unknown>) => ({ 'detail-type': detail.type, detail }) as unknown as BusEvent;
    const created = event({ type: 'ticket.created', internal: false, actor: { role: 'agent' }, data: {}, ticket: { channel: 'api', assigneeId: null } });
    const six = Array.from({ length: 6 }, () => created);
    const unmeasured = costPer1000({ ...usage, events: six });
    expect(unmeasured.queued).toBe(6); // stats-rollup, a queue target
    expect(unmeasured.sqsRequests).toBe(6 * ASSUMPTIONS.sqsRequestsPerMessage);
    // The six in one batch: six sends, one receive and one delete; one invocation instead of six.
    const batched = costPer1000({ ...usage, events: six, queueInvocations: 1 });
    expect(batched.sqsRequests).toBe(6 + ASSUMPTIONS.sqsRequestsPerBatch);
    expect(batched.parts.sqs).toBeCloseTo((6 + ASSUMPTIONS.sqsRequestsPerBatch) * PRICES.sqsRequest * 1000, 12);
    expect(unmeasured.invocations - batched.invocations).toBe(5);
    // A batch takes at most 10 messages a receive and a delete: 100 messages are 20 such requests, even in one invocation.
    expect(costPer1000({ ...usage, events: Array.from({ length: 100 }, () => created), queueInvocations: 1 }).sqsRequests).toBe(100 + 20);
  });
});
