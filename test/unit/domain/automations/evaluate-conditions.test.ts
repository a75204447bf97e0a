import { describe, expect, it } from 'vitest';
import { Condition } from '../../../../schemas/automations';
import { evaluateConditions, holds, idleThresholdsOf, type TicketFacts } from '../../../../functions/domain/automations/evaluate-conditions';
import { changesOf, chainOf } from '../../../../functions/domain/automations/run-automations';
import type { Ticket } from '../../../../functions/domain/tickets/ticket.entity';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const ticket: TicketFacts = {
  subject: 'Printer is ON FIRE', description: 'Smoke everywhere', status: 'open', priority: 'high', category: 'hardware',
  channel: 'email', tags: ['VIP', 'printer'], requesterEmail: 'Carla@Example.com', customFields: { seats: 12, plan: 'Gold' },
  updatedAt: '2026-12-06T09:00:00.000Z',
};
const c = (field: string, op: Condition['op'], value: Condition['value']) => ({ field, op, value });

describe('automation condition evaluator', () => {
  it('compares text without case: is, is_not, contains, not_contains, in', () => {
    expect(holds(c('status', 'is', 'OPEN'), 'open')).toBe(true);
    expect(holds(c('status', 'is_not', 'open'), 'Open')).toBe(false);
    expect(holds(c('subject', 'contains', 'on fire'), ticket.subject)).toBe(true);
    expect(holds(c('subject', 'not_contains', 'water'), ticket.subject)).toBe(true);
    expect(holds(c('channel', 'in', ['API', 'Email']), 'email')).toBe(true);
    expect(holds(c('channel', 'in', ['api']), 'email')).toBe(false);
    expect(holds(c('category', 'is', null), null)).toBe(true);
    expect(holds(c('category', 'contains', 'x'), null)).toBe(false);
  });

  it('treats lists (tags) as membership', () => {
    expect(holds(c('tags', 'contains', 'vip'), ticket.tags)).toBe(true);
    expect(holds(c('tags', 'is', 'PRINTER'), ticket.tags)).toBe(true);
    expect(holds(c('tags', 'not_contains', 'vip'), ticket.tags)).toBe(false);
    expect(holds(c('tags', 'in', ['x', 'printer']), ticket.tags)).toBe(true);
    expect(holds(c('tags', 'gt', 1), ticket.tags)).toBe(false);
  });

  it('orders numbers and priorities with gt / lt; non-numbers never compare', () => {
    expect(holds(c('priority', 'gt', 'medium'), 'high')).toBe(true);
    expect(holds(c('priority', 'lt', 'medium'), 'high')).toBe(false);
    expect(holds(c('priority', 'gt', 'high'), 'critical')).toBe(true);
    expect(holds(c('customFields.seats', 'gt', 10), 12)).toBe(true);
    expect(holds(c('customFields.seats', 'lt', '20'), '12')).toBe(true);
    expect(holds(c('customFields.plan', 'gt', 1), 'Gold')).toBe(false);
  });

  it('needs every `all` and one `any`; reads requester.email, customFields.<key> and hoursSinceUpdate', () => {
    const verdict = evaluateConditions({
      all: [c('requester.email', 'is', 'carla@example.com'), c('hoursSinceUpdate', 'gt', 2.5), c('customFields.plan', 'is', 'gold')],
      any: [c('priority', 'is', 'low'), c('tags', 'contains', 'vip')],
    }, ticket, NOW);
    expect(verdict.matched).toBe(true);
    expect(verdict.results.map((r) => [r.group, r.field, r.matched])).toEqual([
      ['all', 'requester.email', true], ['all', 'hoursSinceUpdate', true], ['all', 'customFields.plan', true],
      ['any', 'priority', false], ['any', 'tags', true],
    ]);
    expect(verdict.results[1].actual).toBe(3);
    expect(evaluateConditions({ all: [c('hoursSinceUpdate', 'gt', 3)] }, ticket, NOW).matched).toBe(false);
    expect(evaluateConditions({ any: [c('status', 'is', 'closed')] }, ticket, NOW).matched).toBe(false);
    expect(evaluateConditions({}, ticket, NOW).matched).toBe(true);
    expect(evaluateConditions({ all: [c('customFields.missing', 'is', null)] }, ticket, NOW).matched).toBe(true);
  });

  it('finds the idle thresholds a timer waits for (gt only: lt holds from the start)', () => {
    expect(idleThresholdsOf({ all: [c('hoursSinceUpdate', 'gt', 24), c('hoursSinceUpdate', 'lt', 48)], any: [c('hoursSinceUpdate', 'gt', 2)] })).toEqual([24, 2]);
  });

  it('validates conditions: lists go with `in`, time with gt/lt', () => {
    expect(Condition.safeParse(c('status', 'in', 'open')).success).toBe(false);
    expect(Condition.safeParse(c('status', 'is', ['open'])).success).toBe(false);
    expect(Condition.safeParse(c('hoursSinceUpdate', 'is', 2)).success).toBe(false);
    expect(Condition.safeParse(c('priority', 'gt', 'medium')).success).toBe(true);
    expect(Condition.safeParse(c('customFields.seats', 'gt', 'many')).success).toBe(false);
    expect(Condition.safeParse(c('nonsense', 'is', 1)).success).toBe(false);
  });
});

describe('automation actions and the loop guard', () => {
  const base = { status: 'new', tags: ['a', 'b'], customFields: { x: 1 } } as unknown as Ticket;
  it('turns field actions into one ticket change', () => {
    expect(changesOf([
      { type: 'set', field: 'priority', value: 'urgent' }, { type: 'set', field: 'customFields.y', value: 'z' },
      { type: 'add_tags', tags: ['c', 'a'] }, { type: 'remove_tags', tags: ['b'] }, { type: 'assign', departmentId: 'd1' },
      { type: 'set', field: 'status', value: 'resolved' },
    ], base, 'Rule')).toEqual({
      priority: 'urgent', customFields: { x: 1, y: 'z' }, tags: ['a', 'c'], departmentId: 'd1', assigneeId: null,
      status: 'resolved', resolution: 'Resolved by the automation rule "Rule"',
    });
    expect(changesOf([{ type: 'set', field: 'status', value: 'new' }, { type: 'add_note', body: 'x' }], base, 'R')).toEqual({});
  });
  it('reads the causation chain an event carries', () => {
    expect(chainOf({ data: { automation: { chain: ['r1', 'r2'] } } } as never)).toEqual(['r1', 'r2']);
    expect(chainOf({ data: {} } as never)).toEqual([]);
  });
});
