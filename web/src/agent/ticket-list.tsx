import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describeError } from '../core/api';
import { useApp, userName } from '../core/app-context';
import { href, navigate, parseHash, type Route } from '../core/router';
import { timeAgo, useNow } from '../core/time';
import type { TicketEventData, TicketView } from '../core/types';
import { Avatar, PriorityBadge, SlaBadge, StatusBadge } from '../ui/badges';
import { EmptyState, Notice } from '../ui/notice';
import { BulkBar } from './bulk-bar';
import { type FilterOption, availableFilters, matchesAll } from './list-filters';
import { type ListShape, type LiveRow, applyLiveRows } from './live-rows';
import { OnlineStaff } from './online-staff';

const PAGE_SIZE = 50;

interface Page {
  items: TicketView[];
  nextCursor: string | null;
}

/** The agents' ticket list: filters in the URL, cursor pages, live rows, bulk changes. */
export function TicketList({ route }: { route: Route }) {
  const { api, caps, users, session, realtime } = useApp();
  const filters = useMemo(() => availableFilters(caps), [caps]);
  const ctx = { api, users, me: session.userId };
  const values: Record<string, string> = Object.fromEntries(filters.map((f) => [f.param, route.query.get(f.param) ?? '']));
  const sort = route.query.get('sort') ?? 'updatedAt';
  const order = route.query.get('order') ?? 'desc';
  const queryValues: Record<string, string> = Object.fromEntries(
    filters.filter((f) => values[f.param]).map((f) => [f.param, f.toQuery ? f.toQuery(values[f.param]!, ctx) : values[f.param]!]),
  );
  const queryKey = JSON.stringify({ queryValues, sort, order });

  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page | undefined>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [unseen, setUnseen] = useState(0);
  const [live, setLive] = useState(false);
  const [options, setOptions] = useState<Record<string, FilterOption[]>>({});
  const renderStart = useRef<number | undefined>(undefined);
  const cursor = cursors[cursors.length - 1] ?? null;

  useEffect(() => {
    for (const f of filters) {
      if (!f.options) continue;
      void Promise.resolve(f.options(ctx)).then((o) => setOptions((prev) => ({ ...prev, [f.param]: o })), () => undefined);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters, users]);

  // A new query starts again at the first page.
  useEffect(() => {
    setCursors([null]);
    setSelected(new Set());
    setUnseen(0);
  }, [queryKey]);

  // Live rows applied to this query's page, with when: a page read that started before one is older than it.
  const liveRows = useRef<{ at: number; row: LiveRow }[]>([]);
  const shape: ListShape = { firstPage: cursor === null, sort, order };
  const load = async () => {
    setLoading(true);
    const startedAt = performance.now();
    try {
      const data = await api.get<Page>('/v1/tickets', { ...queryValues, sort, order, limit: PAGE_SIZE, cursor });
      liveRows.current = liveRows.current.filter((l) => l.at >= startedAt);
      const newer = liveRows.current.map((l) => l.row);
      renderStart.current = performance.now();
      setPage(newer.length ? { ...data, items: applyLiveRows(data.items, newer, shape).items } : data);
      setError(undefined);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryKey, cursor]);

  // How long the rows take to reach the DOM once the data is here (read by the browser tests).
  useLayoutEffect(() => {
    if (renderStart.current === undefined || !page) return;
    performance.measure('ticket-list-render', { start: renderStart.current, end: performance.now(), detail: { rows: page.items.length } });
    renderStart.current = undefined;
  }, [page]);

  // Live: follow the list; each event refreshes that one row (coalesced), adds or drops it.
  const pending = useRef(new Map<string, string>());
  const flush = useRef<ReturnType<typeof setTimeout>>();
  const pageRef = useRef(page);
  pageRef.current = page;
  useEffect(() => {
    liveRows.current = [];
    const wsFilter: Record<string, string> = {};
    if (queryValues.status) wsFilter.status = queryValues.status;
    if (queryValues.assigneeId) wsFilter.assigneeId = queryValues.assigneeId;
    const release = realtime.hold('list', { action: 'subscribe', topic: 'tickets', ...(Object.keys(wsFilter).length ? { filter: wsFilter } : {}) }, { action: 'unsubscribe', topic: 'tickets' });
    const off = realtime.on((frame) => {
      // Subscribed (again, after a reconnect): read the page once more, so nothing that
      // happened between the first read and the subscription is missing.
      if (frame.type === 'subscribed' && frame.data?.topic === 'tickets') {
        setLive(true);
        void load();
        return;
      }
      if (!frame.type.startsWith('ticket.')) return;
      const event = frame.data as TicketEventData;
      if (!event?.ticketId) return;
      pending.current.set(event.ticketId, frame.type);
      clearTimeout(flush.current);
      flush.current = setTimeout(() => void applyLive(), 150);
    });
    const offState = realtime.onState((state) => state !== 'open' && setLive(false));
    return () => {
      off();
      offState();
      release();
      setLive(false);
      clearTimeout(flush.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryKey, cursor]);

  async function applyLive() {
    const batch = [...pending.current.entries()];
    pending.current.clear();
    const loaded = await Promise.all(batch.map(([id, type]) => api.get<TicketView>(`/v1/tickets/${id}`).then((t) => ({ t, type }), () => undefined)));
    const current = pageRef.current;
    if (!current) return;
    const rows: LiveRow[] = [];
    let hidden = 0;
    for (const entry of loaded) {
      if (!entry) continue;
      const ticket = stripThread(entry.t);
      const belongs = matchesAll(ticket, queryValues, filters);
      rows.push({ ticket, belongs });
      if (belongs === undefined && entry.type === 'ticket.created' && !current.items.some((i) => i.id === ticket.id)) hidden += 1;
    }
    const at = performance.now();
    liveRows.current.push(...rows.map((row) => ({ at, row })));
    const { items, touched } = applyLiveRows(current.items, rows, shape);
    setPage({ ...current, items: items.slice(0, Math.max(PAGE_SIZE, current.items.length)) });
    if (hidden) setUnseen((n) => n + hidden);
    setFresh(touched);
    setTimeout(() => setFresh(new Set()), 2500);
  }

  // Read the address at the time of the change, not of the last render: two quick changes keep both.
  const setFilter = (param: string, value: string) => {
    const next: Record<string, string | undefined> = Object.fromEntries(parseHash(location.hash).query);
    next[param] = value || undefined;
    if (next.sort === 'updatedAt') next.sort = undefined;
    if (next.order === 'desc') next.order = undefined;
    navigate('/tickets', next);
  };
  const items = page?.items ?? [];
  const allSelected = items.length > 0 && items.every((t) => selected.has(t.id));
  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  return (
    <section class="page" aria-labelledby="list-title" data-live={live ? 'subscribed' : 'waiting'}>
      <header class="page-header">
        <div>
          <h1 id="list-title">Tickets</h1>
          <OnlineStaff />
        </div>
        <div class="page-actions">
          <label class="inline-field">
            <span>Sort by</span>
            <select value={sort} onChange={(e) => setFilter('sort', (e.target as HTMLSelectElement).value)}>
              <option value="updatedAt">Last update</option>
              <option value="createdAt">Created</option>
            </select>
          </label>
          <label class="inline-field">
            <span>Order</span>
            <select value={order} onChange={(e) => setFilter('order', (e.target as HTMLSelectElement).value)}>
              <option value="desc">Newest first</option>
              <option value="asc">Oldest first</option>
            </select>
          </label>
        </div>
      </header>

      <form class="filters" role="search" aria-label="Filter tickets" onSubmit={(e) => e.preventDefault()}>
        {filters.map((f) => (
          <label key={f.param} class="field">
            <span>{f.label}</span>
            {f.kind === 'select' ? (
              <select name={f.param} value={values[f.param]} onChange={(e) => setFilter(f.param, (e.target as HTMLSelectElement).value)}>
                <option value="">{f.param === 'assigneeId' ? 'Anyone' : 'Any'}</option>
                {(options[f.param] ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            ) : (
              <TextFilter name={f.param} value={values[f.param] ?? ''} onCommit={(v) => setFilter(f.param, v)} />
            )}
          </label>
        ))}
        {Object.values(values).some(Boolean) && (
          <button type="button" class="button ghost" onClick={() => navigate('/tickets')}>Clear filters</button>
        )}
      </form>

      {selected.size > 0 && (
        <BulkBar
          ticketIds={[...selected]}
          onDone={() => {
            setSelected(new Set());
            void load();
          }}
        />
      )}
      {error && <Notice tone="error">Tickets could not be loaded: {error}</Notice>}
      {unseen > 0 && (
        <button type="button" class="button pill" onClick={() => { setUnseen(0); void load(); }}>
          {unseen} new {unseen === 1 ? 'ticket' : 'tickets'}: show
        </button>
      )}

      <div class="table-wrap" aria-busy={loading}>
        <table class="tickets">
          <caption class="visually-hidden">Tickets, {sort === 'createdAt' ? 'by creation' : 'by last update'}</caption>
          <thead>
            <tr>
              <th scope="col" class="check">
                <input
                  type="checkbox"
                  aria-label="Select all tickets on this page"
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((t) => t.id)))}
                />
              </th>
              <th scope="col">Ticket</th>
              <th scope="col">Requester</th>
              <th scope="col">Status</th>
              <th scope="col">Priority</th>
              <th scope="col">Assignee</th>
              <th scope="col">SLA</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <TicketRow key={t.id} ticket={t} selected={selected.has(t.id)} fresh={fresh.has(t.id)} onToggle={toggle} assignee={userName(users, t.assigneeId)} />
            ))}
          </tbody>
        </table>
        {!loading && items.length === 0 && !error && <EmptyState title="No tickets match">Try other filters.</EmptyState>}
      </div>

      <nav class="pager" aria-label="Pages">
        <button type="button" class="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Previous page
        </button>
        <span class="muted">Page {cursors.length}</span>
        <button type="button" class="button" disabled={!page?.nextCursor} onClick={() => setCursors((c) => [...c, page!.nextCursor])}>
          Next page
        </button>
      </nav>
    </section>
  );
}

/** A text filter applies while typing (after a pause), on Enter and on leaving the field. */
function TextFilter({ name, value, onCommit }: { name: string; value: string; onCommit: (value: string) => void }) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => setText(value), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const commit = (v: string) => {
    clearTimeout(timer.current);
    if (v.trim() !== value) onCommit(v.trim());
  };
  return (
    <input
      name={name}
      type="search"
      value={text}
      placeholder="Any"
      onInput={(e) => {
        const v = (e.target as HTMLInputElement).value;
        setText(v);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(v), 400);
      }}
      onChange={(e) => commit((e.target as HTMLInputElement).value)}
      onKeyDown={(e) => e.key === 'Enter' && commit((e.target as HTMLInputElement).value)}
    />
  );
}

function TicketRow({ ticket: t, selected, fresh, onToggle, assignee }: { ticket: TicketView; selected: boolean; fresh: boolean; onToggle: (id: string) => void; assignee: string }) {
  const now = useNow();
  return (
    <tr class={`${selected ? 'selected' : ''} ${fresh ? 'fresh' : ''}`} data-ticket-id={t.id}>
      <td class="check">
        <input type="checkbox" aria-label={`Select ${t.number}`} checked={selected} onChange={() => onToggle(t.id)} />
      </td>
      <td class="subject">
        <a href={href(`/tickets/${t.id}`)}>
          <span class="number">{t.number}</span>
          <span class="title">{t.subject}</span>
        </a>
        {t.escalation.escalated && <span class="badge escalated">Tier {t.escalation.tier}</span>}
        {t.tags.slice(0, 3).map((tag) => <span key={tag} class="tag">{tag}</span>)}
      </td>
      <td>{t.requester.name ?? t.requester.email}</td>
      <td><StatusBadge status={t.status} label={t.statusLabel} /></td>
      <td><PriorityBadge priority={t.priority} /></td>
      <td>{t.assigneeId ? <span class="person"><Avatar name={assignee} size="sm" />{assignee}</span> : <span class="muted">Unassigned</span>}</td>
      <td><SlaBadge ticket={t} /></td>
      <td><time dateTime={t.updatedAt} title={t.updatedAt}>{timeAgo(t.updatedAt, now)}</time></td>
    </tr>
  );
}

function stripThread(ticket: TicketView & { messages?: unknown; activities?: unknown }): TicketView {
  const { messages: _m, activities: _a, ...rest } = ticket;
  return rest;
}

