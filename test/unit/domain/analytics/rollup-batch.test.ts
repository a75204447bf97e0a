import { describe, expect, it } from 'vitest';
import { contributionOf, shardOf } from '../../../../functions/domain/analytics/contribution';
import {
  type EventRollup, MAX_TRANSACTION_ITEMS, mergeCells, planRollupBatch, rollupOf,
} from '../../../../functions/domain/analytics/rollup-plan';
import { rollupEventOf } from '../../../../functions/handlers/sqs/stats-rollup';
import type { TicketEvent } from '../../../../schemas/events';

const base = {
  version: '1', id: '01EVENT', type: 'ticket.created', occurredAt: '2026-03-02T10:00:00.000Z', orgId: 'o', ticketId: 't', internal: false,
  ticketVersion: 1, actor: { id: 'agent-1', role: 'agent' }, data: {},
  ticket: {
    number: 'TKT-1', subject: 's', status: 'new', priority: 'high', assigneeId: 'agent-1', requesterEmail: 'r@example.com', escalationTier: 0,
    channel: 'email', updatedAt: '2026-03-02T10:00:00.000Z', version: 1, departmentId: null, category: 'billing',
  },
} as const;
const event = (over: Record<string, unknown> = {}, ticket: Record<string, unknown> = {}) =>
  ({ ...base, ...over, ticket: { ...base.ticket, ...ticket } }) as unknown as TicketEvent;
const rollup = (e: TicketEvent): EventRollup => rollupOf(e, contributionOf(e));
const cell = (cells: ReturnType<typeof mergeCells>, line: string, grain: string) => cells.find((c) => c.line === line && c.grain === grain);

describe('planning a batch of rollups', () => {
  it('writes a cell that events share once, with the sums and the union of dimension values', () => {
    const a = rollup(event({ id: 'e1' }));
    const b = rollup(event({ id: 'e2', occurredAt: '2026-03-02T10:40:00.000Z' }, { assigneeId: 'agent-2' }));
    // One event: 6 lines (all, channel, priority, category, department, agent) × day and hour, and the backlog.
    expect(a.cells).toHaveLength(13);
    const cells = mergeCells([a, b]);
    // Shared: all, channel, priority, category, department (day and hour) and the backlog; an agent line each.
    expect(cells).toHaveLength(15);
    expect(cell(cells, 'all', 'D')).toMatchObject({ period: '2026-03-02', adds: { created: 2 } });
    expect(cell(cells, 'all', 'D')!.values!.agent).toEqual(new Set(['agent-1', 'agent-2']));
    expect(cell(cells, 'all', 'H')).toMatchObject({ period: '2026-03-02T10', adds: { created: 2 } });
    expect(cell(cells, 'all', 'H')!.values).toBeUndefined();
    expect(cell(cells, 'agent#agent-1', 'D')!.adds).toEqual({ created: 1 });
    expect(cell(cells, 'backlog', 'G')).toMatchObject({ period: 'now', adds: { bl_new: 2 } });
    // The inputs are left as they were (a retry re-merges them).
    expect(a.cells.find((c) => c.line === 'all' && c.grain === 'D')!.adds).toEqual({ created: 1 });
  });

  it('leaves out moves that cancel out, and cells left with nothing to add', () => {
    const created = rollup(event({ id: 'e1' }));
    const opened = rollup(event({ id: 'e2', type: 'ticket.status.changed', changes: { status: { from: 'new', to: 'open' } } }, { status: 'open' }));
    const backToNew = rollup(event({ id: 'e3', type: 'ticket.status.changed', changes: { status: { from: 'open', to: 'new' } } }));
    expect(cell(mergeCells([created, opened]), 'backlog', 'G')!.adds).toEqual({ bl_open: 1 });
    // A status change that counts nothing but the backlog, undone by the next: no cell at all.
    expect(mergeCells([opened, backToNew])).toEqual([]);
  });

  it('plans one transaction for a burst of one organization, sharded by its first event', () => {
    const rollups = ['e1', 'e2', 'e3'].map((id) => rollup(event({ id })));
    const { chunks, repeats, empty } = planRollupBatch(rollups);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ orgId: 'o', shard: shardOf('e1'), eventIds: ['e1', 'e2', 'e3'] });
    // 3 markers and one set of 13 cells, where one by one it would be 3 × (1 + 13).
    expect(chunks[0]!.cells).toHaveLength(13);
    expect([repeats, empty]).toEqual([[], []]);
  });

  it('plans an event that is twice in the batch once, and gives events that count nothing no marker', () => {
    const counted = rollup(event({ id: 'e1' }));
    const nothing = rollup(event({ id: 'e2', type: 'ticket.message.added', actor: { id: 'c', role: 'customer' } }));
    expect(nothing.cells).toEqual([]);
    const { chunks, repeats, empty } = planRollupBatch([counted, nothing, rollup(event({ id: 'e3' })), counted]);
    expect(chunks.map((c) => c.eventIds)).toEqual([['e1', 'e3']]);
    expect(cell(chunks[0]!.cells, 'all', 'D')!.adds).toEqual({ created: 2 });
    expect(repeats).toEqual([3]);
    expect(empty).toEqual([1]);
  });

  it('keeps organizations apart', () => {
    const { chunks } = planRollupBatch([rollup(event({ id: 'e1' })), rollup(event({ id: 'e2', orgId: 'p' })), rollup(event({ id: 'e3' }))]);
    expect(chunks.map((c) => [c.orgId, c.eventIds])).toEqual([['o', ['e1', 'e3']], ['p', ['e2']]]);
  });

  it('splits a group into transactions of at most 100 items, every event in exactly one, the sums kept', () => {
    // Each creation in a category and hour of its own: 4 new cells an event beside the shared ones.
    const events = Array.from({ length: 50 }, (_v, i) =>
      event({ id: `e${String(i).padStart(2, '0')}`, occurredAt: new Date(Date.parse(base.occurredAt) + i * 3_600_000).toISOString() }, { category: `c${i}` }));
    const { chunks } = planRollupBatch(events.map(rollup));
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.eventIds.length + chunk.cells.length).toBeLessThanOrEqual(MAX_TRANSACTION_ITEMS);
      expect(chunk.shard).toBe(shardOf(chunk.eventIds[0]!));
    }
    expect(chunks.flatMap((c) => c.eventIds)).toEqual(events.map((e) => e.id));
    const created = chunks.flatMap((c) => c.cells.filter((x) => x.line === 'all' && x.grain === 'H')).reduce((sum, x) => sum + (x.adds.created ?? 0), 0);
    expect(created).toBe(50);
    // A smaller limit splits sooner; a single event that cannot fit is refused rather than cut.
    expect(planRollupBatch(events.map(rollup), 30).chunks.length).toBeGreaterThan(chunks.length);
    expect(() => planRollupBatch(events.slice(0, 1).map(rollup), 10)).toThrow(/more than one transaction/);
  });
});

describe('reading a stats rollup message', () => {
  const body = (detail: unknown) => ({ body: JSON.stringify({ version: '0', id: 'x', 'detail-type': 'ticket.created', detail }) });

  it('takes the event out of the bus envelope', () => {
    expect(rollupEventOf(body(base))).toMatchObject({ id: '01EVENT', type: 'ticket.created', ticket: { category: 'billing' } });
  });

  it('refuses what it cannot count: not JSON, another event type, a missing or bad field', () => {
    expect(rollupEventOf({ body: 'not json' })).toBeUndefined();
    expect(rollupEventOf(body({ ...base, type: 'ticket.note.added' }))).toBeUndefined();
    expect(rollupEventOf(body({ ...base, id: '' }))).toBeUndefined();
    expect(rollupEventOf(body({ ...base, occurredAt: 'yesterday' }))).toBeUndefined();
    expect(rollupEventOf(body({ ...base, ticket: { status: 'new' } }))).toBeUndefined();
    expect(rollupEventOf({ body: JSON.stringify(base) })).toBeUndefined();
  });
});
