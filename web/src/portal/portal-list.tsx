import { useApp } from '../core/app-context';
import { href } from '../core/router';
import { timeAgo } from '../core/time';
import type { TicketView } from '../core/types';
import { StatusBadge } from '../ui/badges';
import { EmptyState, Notice } from '../ui/notice';
import { useAsync } from '../ui/use-async';

/** A customer's own tickets (the API lists nothing else for them). */
export function PortalList() {
  const { api } = useApp();
  const { data, error, loading } = useAsync(() => api.get<{ items: TicketView[] }>('/v1/tickets', { limit: 100 }), []);
  return (
    <section class="page narrow" aria-labelledby="portal-title">
      <header class="page-header">
        <h1 id="portal-title">My requests</h1>
        <a class="button primary" href={href('/portal/new')}>New request</a>
      </header>
      {error && <Notice tone="error">{error}</Notice>}
      {!loading && data?.items.length === 0 && <EmptyState title="No requests yet">Open one and we will get back to you.</EmptyState>}
      <ul class="portal-list">
        {(data?.items ?? []).map((t) => (
          <li key={t.id} class="card portal-item">
            <a href={href(`/portal/tickets/${t.id}`)}>
              <span class="number">{t.number}</span>
              <span class="title">{t.subject}</span>
            </a>
            <StatusBadge status={t.status} label={t.statusLabel} />
            <span class="muted">Updated {timeAgo(t.updatedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
