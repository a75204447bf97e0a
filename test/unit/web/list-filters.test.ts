import { describe, expect, it } from 'vitest';
import { availableFilters, matchesAll } from '../../../web/src/agent/list-filters';
import { Capabilities } from '../../../web/src/core/capabilities';
import type { TicketView } from '../../../web/src/core/types';

const ticket = (over: Partial<TicketView> = {}) => ({
  id: 't1', status: 'open', priority: 'high', assigneeId: null, tags: ['vip'], channel: 'email', category: 'billing', ...over,
}) as TicketView;
const LIST = 'GET /v1/tickets';

describe('the ticket list filters', () => {
  it('show only what the list route accepts, and a department filter once departments exist', () => {
    const today = Capabilities.of([LIST], { [LIST]: ['status', 'priority', 'assigneeId', 'tag', 'category', 'channel'] });
    expect(availableFilters(today).map((f) => f.param)).toEqual(['status', 'priority', 'assigneeId', 'category', 'channel', 'tag']);
    const later = Capabilities.of([LIST, 'GET /v1/departments'], { [LIST]: ['status', 'departmentId'] });
    expect(availableFilters(later).map((f) => f.param)).toEqual(['status', 'departmentId']);
    expect(availableFilters(Capabilities.of([LIST], { [LIST]: ['departmentId'] })).map((f) => f.param)).toEqual([]);
  });

  it('tell whether a changed ticket still belongs in the list', () => {
    const filters = availableFilters(Capabilities.of([LIST], { [LIST]: ['status', 'priority', 'assigneeId', 'tag', 'channel', 'category'] }));
    expect(matchesAll(ticket(), { status: 'open', tag: 'vip', channel: 'email', category: 'billing' }, filters)).toBe(true);
    expect(matchesAll(ticket(), { assigneeId: 'unassigned' }, filters)).toBe(true);
    expect(matchesAll(ticket({ assigneeId: 'u1' }), { assigneeId: 'unassigned' }, filters)).toBe(false);
    expect(matchesAll(ticket({ assigneeId: 'u1' }), { assigneeId: 'u1' }, filters)).toBe(true);
    expect(matchesAll(ticket({ status: 'resolved' }), { status: 'open' }, filters)).toBe(false);
    expect(matchesAll(ticket(), { tag: 'other' }, filters)).toBe(false);
  });

  it('cannot tell for a filter it has no rule for, so the list offers a refresh instead of guessing', () => {
    const filters = availableFilters(Capabilities.of([LIST, 'GET /v1/departments'], { [LIST]: ['departmentId'] }));
    expect(matchesAll(ticket(), { departmentId: 'd1' }, filters)).toBeUndefined();
  });
});
