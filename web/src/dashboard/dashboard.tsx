import { useState } from 'preact/hooks';
import { ApiError } from '../core/api';
import { useApp } from '../core/app-context';
import { href } from '../core/router';
import { formatDuration, timeAgo } from '../core/time';
import { STATUS_LABEL, type UpcomingBreach } from '../core/types';
import { PriorityBadge } from '../ui/badges';
import { EmptyState, Notice } from '../ui/notice';
import { useAsync } from '../ui/use-async';

/** Issue 18's overview contract. */
interface Timing { count: number; avgSeconds: number | null; p50Seconds: number | null; p90Seconds: number | null }
interface Rate { met: number; breached: number; rate: number | null }
export interface StatsOverview {
  created: number;
  resolved: number;
  closed: number;
  reopened: number;
  backlog: { byStatus: Record<string, number> };
  firstResponse: Timing;
  resolution: Timing;
  sla: { firstResponse: Rate; resolution: Rate };
  csat: { count: number; average: number | null; distribution: Record<string, number> };
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const seconds = (s: number | null | undefined) => (s === null || s === undefined ? '—' : formatDuration(s * 1000));
const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10} %`);

export function Dashboard() {
  const { api } = useApp();
  const [days, setDays] = useState(7);
  const to = new Date();
  const from = new Date(to.getTime() - (days - 1) * 86400_000);
  const stats = useAsync(() => api.get<StatsOverview>('/v1/stats/overview', { from: day(from), to: day(to), tz: Intl.DateTimeFormat().resolvedOptions().timeZone }), [days]);
  const breaches = useAsync(() => api.get<{ items: UpcomingBreach[] }>('/v1/sla/upcoming-breaches', { limit: 10 }), []);
  const unavailable = stats.raw instanceof ApiError && stats.raw.status === 404;

  return (
    <section class="page" aria-labelledby="dash-title">
      <header class="page-header">
        <h1 id="dash-title">Dashboard</h1>
        <label class="inline-field">
          <span>Period</span>
          <select value={days} onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value))}>
            <option value={1}>Today</option>
            <option value={7}>Last 7 days</option>
            <option value={30}>Last 30 days</option>
            <option value={90}>Last 90 days</option>
          </select>
        </label>
      </header>
      {unavailable ? (
        <div class="card analytics-missing" data-state="analytics-unavailable">
          <h2 class="card-title">Analytics not available yet</h2>
          <p class="muted">This deployment has no statistics API (<code>GET /v1/stats/overview</code>) yet. Volumes, response times, SLA rates and satisfaction appear here once it does.</p>
        </div>
      ) : stats.error ? (
        <Notice tone="error">Statistics could not be loaded: {stats.error}</Notice>
      ) : stats.data ? (
        <Overview stats={stats.data} />
      ) : (
        <p class="muted" aria-busy="true">Loading statistics…</p>
      )}
      <section class="card" aria-labelledby="breach-title">
        <h2 class="card-title" id="breach-title">Next SLA breaches</h2>
        {breaches.error && <Notice tone="error">{breaches.error}</Notice>}
        {breaches.data?.items.length === 0 && <EmptyState title="Nothing due soon" />}
        <ul class="breaches">
          {(breaches.data?.items ?? []).map((b) => (
            <li key={`${b.ticketId}-${b.target}`}>
              <a href={href(`/tickets/${b.ticketId}`)}><span class="number">{b.number}</span> {b.subject}</a>
              <PriorityBadge priority={b.priority} />
              <span class="muted">{b.target} {timeAgo(b.dueAt)}</span>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

function Overview({ stats }: { stats: StatsOverview }) {
  const backlog = Object.entries(stats.backlog?.byStatus ?? {});
  const csatTotal = Object.values(stats.csat?.distribution ?? {}).reduce((a, b) => a + b, 0);
  return (
    <>
      <div class="kpis">
        <Kpi label="Created" value={String(stats.created)} />
        <Kpi label="Resolved" value={String(stats.resolved)} />
        <Kpi label="Reopened" value={String(stats.reopened)} />
        <Kpi label="First response (median)" value={seconds(stats.firstResponse?.p50Seconds)} hint={`p90 ${seconds(stats.firstResponse?.p90Seconds)}`} />
        <Kpi label="Resolution (median)" value={seconds(stats.resolution?.p50Seconds)} hint={`p90 ${seconds(stats.resolution?.p90Seconds)}`} />
        <Kpi label="SLA met, first response" value={percent(stats.sla?.firstResponse?.rate)} hint={`${stats.sla?.firstResponse?.breached ?? 0} breached`} />
        <Kpi label="SLA met, resolution" value={percent(stats.sla?.resolution?.rate)} hint={`${stats.sla?.resolution?.breached ?? 0} breached`} />
        <Kpi label="Satisfaction" value={stats.csat?.average == null ? '—' : `${stats.csat.average.toFixed(1)} / 5`} hint={`${stats.csat?.count ?? 0} ratings`} />
      </div>
      <div class="grid-2">
        <section class="card" aria-labelledby="backlog-title">
          <h2 class="card-title" id="backlog-title">Backlog by status</h2>
          <Bars rows={backlog.map(([k, v]) => [STATUS_LABEL[k] ?? k, v])} />
        </section>
        <section class="card" aria-labelledby="csat-title">
          <h2 class="card-title" id="csat-title">Ratings</h2>
          {csatTotal === 0 ? <p class="muted">No ratings in this period.</p> : <Bars rows={['5', '4', '3', '2', '1'].map((k) => [`${k} ★`, stats.csat.distribution[k] ?? 0])} />}
        </section>
      </div>
    </>
  );
}

function Kpi({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div class="card kpi">
      <p class="kpi-label">{label}</p>
      <p class="kpi-value">{value}</p>
      {hint && <p class="muted">{hint}</p>}
    </div>
  );
}

function Bars({ rows }: { rows: [string, number][] }) {
  const max = Math.max(1, ...rows.map(([, v]) => v));
  return (
    <table class="bars">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td><span class="bar" style={{ width: `${(value / max) * 100}%` }} /></td>
            <td class="num">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
