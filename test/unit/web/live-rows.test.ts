import { describe, expect, it } from 'vitest';
import { applyLiveRows, type ListShape } from '../../../web/src/agent/live-rows';
import type { TicketView } from '../../../web/src/core/types';

const t = (id: string, updatedAt: string, over: Partial<TicketView> = {}) => ({ id, updatedAt, createdAt: updatedAt, ...over }) as TicketView;
const FIRST: ListShape = { firstPage: true, sort: 'updatedAt', order: 'desc' };
const ids = (items: TicketView[]) => items.map((i) => i.id);

describe('live rows on the ticket list', () => {
  it('replace a changed row, drop one that no longer belongs, and add a new one on top of the first page', () => {
    const page = [t('a', '2026-12-07T10:00:02Z'), t('b', '2026-12-07T10:00:01Z'), t('c', '2026-12-07T10:00:00Z')];
    const { items, touched } = applyLiveRows(page, [
      { ticket: t('c', '2026-12-07T10:00:05Z', { priority: 'low' }), belongs: true },
      { ticket: t('b', '2026-12-07T10:00:06Z'), belongs: false },
      { ticket: t('d', '2026-12-07T10:00:04Z'), belongs: true },
    ], FIRST);
    expect(ids(items)).toEqual(['c', 'd', 'a']);
    expect(items[0]!.priority).toBe('low');
    expect([...touched].sort()).toEqual(['b', 'c', 'd']);
  });

  it('keep a page read that started before a live change from hiding it: applied again on the page, it is there', () => {
    const live = [{ ticket: t('new', '2026-12-07T10:00:09Z'), belongs: true }];
    const shown = applyLiveRows([t('old', '2026-12-07T10:00:00Z')], live, FIRST).items;
    expect(ids(shown)).toEqual(['new', 'old']);
    // The slow page read answers with the list as it was before the new ticket.
    const pageRead = [t('old', '2026-12-07T10:00:00Z')];
    expect(ids(applyLiveRows(pageRead, live, FIRST).items)).toEqual(['new', 'old']);
  });

  it('never take a row back to an older state, and add nothing to later pages or oldest-first lists', () => {
    const page = [t('a', '2026-12-07T10:00:05Z', { status: 'closed' })];
    const stale = applyLiveRows(page, [{ ticket: t('a', '2026-12-07T10:00:01Z', { status: 'open' }), belongs: false }], FIRST);
    expect(stale.items[0]!.status).toBe('closed');
    expect(stale.touched.size).toBe(0);
    const fresh = [{ ticket: t('z', '2026-12-07T10:00:09Z'), belongs: true }];
    expect(ids(applyLiveRows(page, fresh, { ...FIRST, firstPage: false }).items)).toEqual(['a']);
    expect(ids(applyLiveRows(page, fresh, { ...FIRST, order: 'asc' }).items)).toEqual(['a']);
    expect(ids(applyLiveRows(page, [{ ticket: t('y', '2026-12-07T10:00:09Z'), belongs: undefined }], FIRST).items)).toEqual(['a']);
  });
});
