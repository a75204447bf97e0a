import { describe, expect, it } from 'vitest';
import { type Agent, chooseRoute, isEligible, membersOf, rankCandidates } from '../../../../functions/domain/team/routing-rules';

const agent = (userId: string, over: Partial<Agent> = {}): Agent => ({
  userId, role: 'agent', active: true, departmentIds: ['d1'], openAssigned: 0, availability: 'available', ...over,
});
const ticket = { category: 'billing', channel: 'email', priority: 'high', tags: ['vip', 'eu'] };

describe('chooseRoute', () => {
  const rules = [
    { name: 'web', when: { channel: 'web' }, departmentId: 'd0', strategy: 'round_robin' as const },
    { name: 'vip billing', when: { category: 'billing', tags: ['vip'] }, departmentId: 'd1', strategy: 'least_loaded' as const },
    { name: 'all billing', when: { category: 'billing' }, departmentId: 'd2', strategy: 'round_robin' as const },
  ];
  it('takes the first rule that matches, in order', () => {
    expect(chooseRoute({ rules }, ticket)).toEqual({ rule: 'vip billing', departmentId: 'd1', strategy: 'least_loaded', skills: [] });
    expect(chooseRoute({ rules }, { ...ticket, tags: ['eu'] })?.rule).toBe('all billing');
  });
  it('needs every tag of a rule and the exact priority', () => {
    expect(chooseRoute({ rules: [{ name: 'x', when: { tags: ['vip', 'us'] }, departmentId: 'd', strategy: 'round_robin' }] }, ticket)).toBeUndefined();
    expect(chooseRoute({ rules: [{ name: 'x', when: { priority: 'low' }, departmentId: 'd', strategy: 'round_robin' }] }, ticket)).toBeUndefined();
  });
  it('falls back when no rule matches, and routes nothing without a fallback', () => {
    const other = { ...ticket, category: 'tech' };
    expect(chooseRoute({ rules, fallback: { departmentId: 'dz', strategy: 'least_loaded' } }, other)).toMatchObject({ rule: 'fallback', departmentId: 'dz' });
    expect(chooseRoute({ rules }, other)).toBeUndefined();
  });
});

describe('rankCandidates', () => {
  const ring = membersOf([agent('c'), agent('a'), agent('b'), agent('x', { departmentIds: ['d9'] }), agent('z', { role: 'customer' })], 'd1');

  it('keeps the department\'s staff in a stable ring', () => {
    expect(ring.map((a) => a.userId)).toEqual(['a', 'b', 'c']);
  });

  it('round robin: turns go around the ring from the one after the last, fairly over time', () => {
    expect(rankCandidates(ring, 'round_robin', [], undefined)[0]!.userId).toBe('a');
    expect(rankCandidates(ring, 'round_robin', [], 'a').map((a) => a.userId)).toEqual(['b', 'c', 'a']);
    expect(rankCandidates(ring, 'round_robin', [], 'c')[0]!.userId).toBe('a');
    // The last one left the department: the next in order still gets the turn.
    expect(rankCandidates(ring, 'round_robin', [], 'bb')[0]!.userId).toBe('c');
    let last: string | undefined;
    const counts: Record<string, number> = {};
    for (let i = 0; i < 30; i++) {
      last = rankCandidates(ring, 'round_robin', [], last)[0]!.userId;
      counts[last] = (counts[last] ?? 0) + 1;
    }
    expect(counts).toEqual({ a: 10, b: 10, c: 10 });
  });

  it('skips agents who are away or busy or at capacity', () => {
    const agents = [agent('a', { availability: 'away' }), agent('b', { availability: 'busy' }), agent('c', { capacity: 2, openAssigned: 2 }), agent('d')];
    expect(rankCandidates(agents, 'round_robin', [], undefined).map((a) => a.userId)).toEqual(['d']);
    expect(isEligible(agent('e', { openAssigned: 9 }), [])).toBe(true);
    expect(isEligible(agent('e', { openAssigned: 10 }), [])).toBe(false);
  });

  it('least loaded: fewest open assigned, ties by longest since the last assignment', () => {
    const agents = [
      agent('a', { openAssigned: 3 }),
      agent('b', { openAssigned: 1, lastAssignedAt: '2026-01-02T00:00:00Z' }),
      agent('c', { openAssigned: 1, lastAssignedAt: '2026-01-01T00:00:00Z' }),
      agent('d', { openAssigned: 1 }),
    ];
    expect(rankCandidates(agents, 'least_loaded', [], undefined).map((a) => a.userId)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('skills: only those having every skill, then least loaded', () => {
    const agents = [agent('a', { skills: ['fr'] }), agent('b', { skills: ['fr', 'de'], openAssigned: 2 }), agent('c', { skills: ['fr', 'de'] })];
    expect(rankCandidates(agents, 'skills', ['fr', 'de'], undefined).map((a) => a.userId)).toEqual(['c', 'b']);
    expect(rankCandidates(agents, 'skills', ['es'], undefined)).toEqual([]);
  });
});
