import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv } from '../../../../functions/domain/analytics/csv';
import { cellUpdatesOf, contributionOf, shardOf, SHARDS } from '../../../../functions/domain/analytics/contribution';
import type { TicketEvent } from '../../../../schemas/events';

describe('RFC 4180 CSV', () => {
  it('quotes only fields that need it, doubles quotes, ends lines with CRLF, and parses back', () => {
    const row = ['plain', 'a,b', 'say "hi"', 'two\r\nlines', '', null, 42, 'é'];
    const line = csvLine(row);
    expect(line).toBe('plain,"a,b","say ""hi""","two\r\nlines",,,42,é\r\n');
    expect(parseCsv(line + csvLine(['x', 'y']))).toEqual([['plain', 'a,b', 'say "hi"', 'two\r\nlines', '', '', '42', 'é'], ['x', 'y']]);
  });
});

const base = {
  version: '1', id: '01EVENT', occurredAt: '2026-03-02T10:00:00.000Z', orgId: 'o', ticketId: 't', internal: false, ticketVersion: 2,
  actor: { id: 'agent-1', role: 'agent' },
  ticket: {
    number: 'TKT-1', subject: 's', status: 'open', priority: 'high', assigneeId: 'agent-2', requesterEmail: 'r@example.com', escalationTier: 0,
    channel: 'email', updatedAt: '2026-03-02T10:00:00.000Z', version: 2, departmentId: null, category: 'billing',
  },
} as const;
const event = (over: Record<string, unknown>) => ({ ...base, ...over }) as unknown as TicketEvent;

describe('what a ticket event adds to the rollups', () => {
  it('counts a creation on every line and moves the backlog', () => {
    const created = event({ type: 'ticket.created', data: {}, ticket: { ...base.ticket, status: 'new' } });
    const contribution = contributionOf(created);
    expect(contribution.backlog).toEqual({ bl_new: 1 });
    const { lines, values } = cellUpdatesOf(created, contribution);
    expect([...lines.keys()].sort()).toEqual(['agent#agent-2', 'all', 'category#billing', 'channel#email', 'department#none', 'priority#high']);
    expect(lines.get('all')).toEqual({ created: 1 });
    expect(values.category).toEqual(new Set(['billing']));
  });

  it('reads resolved, closed and reopened off status changes, and measures a resolution once', () => {
    const ticket = { createdAt: '2026-03-02T08:00:00.000Z', firstResponseAt: undefined, sla: undefined };
    const resolved = contributionOf(event({ type: 'ticket.status.changed', changes: { status: { from: 'open', to: 'resolved' } } }), ticket);
    expect(resolved.backlog).toEqual({ bl_open: -1, bl_resolved: 1 });
    expect(resolved.facts[0]!.adds).toMatchObject({ resolved: 1, resN: 1, resMs: 7_200_000 });
    const closedAfter = contributionOf(event({ type: 'ticket.status.changed', changes: { status: { from: 'resolved', to: 'closed' } } }), ticket);
    expect(closedAfter.facts[0]!.adds).toEqual({ closed: 1 });
    const reopened = contributionOf(event({ type: 'ticket.status.changed', changes: { status: { from: 'closed', to: 'open' } } }));
    expect(reopened.facts[0]!.adds).toEqual({ reopened: 1 });
  });

  it('measures the first response only for the reply that set it, credited to the replier', () => {
    const ticket = { createdAt: '2026-03-02T09:50:00.000Z', firstResponseAt: '2026-03-02T10:00:00.000Z', sla: undefined };
    const first = contributionOf(event({ type: 'ticket.message.added', data: {} }), ticket);
    expect(first.facts).toEqual([{ adds: expect.objectContaining({ frN: 1, frMs: 600_000 }), agentId: 'agent-1' }]);
    const later = contributionOf(event({ type: 'ticket.message.added', occurredAt: '2026-03-02T11:00:00.000Z', data: {} }), ticket);
    expect(later.facts).toEqual([]);
  });

  it('counts a rating in the CSAT distribution and picks a stable shard', () => {
    const rated = contributionOf(event({ type: 'ticket.rated', data: { score: 4 } }));
    expect(rated.facts[0]!.adds).toEqual({ csatN: 1, csatSum: 4, csat4: 1 });
    expect(shardOf('01EVENT')).toBe(shardOf('01EVENT'));
    const shards = new Set(Array.from({ length: 200 }, (_v, i) => shardOf(`event-${i}`)));
    expect(shards.size).toBe(SHARDS);
  });
});
