import { useEffect, useState } from 'preact/hooks';
import { ApiError, describeError } from '../core/api';
import { useApp } from '../core/app-context';
import { formatDate, formatDuration, useNow } from '../core/time';
import { type CustomStatusView, PRIORITIES, PRIORITY_LABEL, STATUSES, STATUS_LABEL, type TicketDetailView, type TicketView } from '../core/types';
import { useAsync } from '../ui/use-async';
import { useSubmit } from '../ui/use-submit';
import { SlaBadge } from '../ui/badges';
import { Notice } from '../ui/notice';

interface Form {
  status: string;
  resolution: string;
  priority: string;
  assigneeId: string;
  category: string;
  tags: string;
}

/** A custom status sits in the status select as `custom:<id>`; choosing it sends `customStatusId`. */
const CUSTOM = 'custom:';
const statusValueOf = (t: TicketView) => (t.customStatus ? `${CUSTOM}${t.customStatus.id}` : t.status);

const formOf = (t: TicketView): Form => ({
  status: statusValueOf(t), resolution: '', priority: t.priority, assigneeId: t.assigneeId ?? '', category: t.category ?? '', tags: t.tags.join(', '),
});

/** The fixed status a select value stands for. */
function categoryOf(value: string, customs: readonly CustomStatusView[]): string {
  return value.startsWith(CUSTOM) ? customs.find((c) => `${CUSTOM}${c.id}` === value)?.category ?? '' : value;
}

function changesOf(form: Form, base: TicketView, customs: readonly CustomStatusView[]): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (form.status !== statusValueOf(base)) {
    if (form.status.startsWith(CUSTOM)) changes.customStatusId = form.status.slice(CUSTOM.length);
    else {
      changes.status = form.status;
      if (base.customStatus) changes.customStatusId = null;
    }
    if (categoryOf(form.status, customs) === 'resolved' && base.status !== 'resolved') changes.resolution = form.resolution;
  }
  if (form.priority !== base.priority) changes.priority = form.priority;
  if (form.assigneeId !== (base.assigneeId ?? '')) changes.assigneeId = form.assigneeId || null;
  if (form.category.trim() !== (base.category ?? '')) changes.category = form.category.trim() || null;
  const tags = form.tags.split(',').map((t) => t.trim()).filter(Boolean);
  if (tags.join('\u0000') !== base.tags.join('\u0000')) changes.tags = tags;
  return changes;
}

/** Who last changed the ticket, for "changed by X — reload". */
function lastChangedBy(ticket: TicketDetailView, me: string): string {
  const latest = [...ticket.activities].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).find((a) => a.actor.id !== me) ?? ticket.activities.at(-1);
  return latest?.actor.name ?? (latest?.actor.role === 'system' ? 'the helpdesk (SLA timer)' : 'someone else');
}

/**
 * Status, priority, assignee, category and tags, saved together with If-Match on the version
 * the form started from. When someone else changes the ticket meanwhile the edits stay in the
 * form and the panel says who changed it, with a reload; nothing is overwritten or dropped
 * without the agent seeing it.
 */
export function SidePanel({ ticket, onSaved, onConflict }: { ticket: TicketDetailView; onSaved: (t: TicketView) => void; onConflict: () => Promise<void> }) {
  const { api, users, session, caps } = useApp();
  const [base, setBase] = useState<TicketView>(ticket);
  const [form, setForm] = useState<Form>(() => formOf(ticket));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const customs = useAsync(
    () => (caps.has('GET /v1/statuses') ? api.get<{ items: CustomStatusView[] }>('/v1/statuses') : Promise.resolve({ items: [] })), [],
  ).data?.items ?? [];
  const changes = changesOf(form, base, customs);
  const dirty = Object.keys(changes).length > 0;
  const stale = ticket.version !== base.version;

  // A newer version arrived: a clean form follows it; a dirty one keeps the agent's edits.
  useEffect(() => {
    if (ticket.version !== base.version && !dirty) {
      setBase(ticket);
      setForm(formOf(ticket));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticket.version]);

  const reload = () => {
    setBase(ticket);
    setForm(formOf(ticket));
    setError(undefined);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (!dirty) return;
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const { body } = await api.patch<TicketView>(`/v1/tickets/${ticket.id}`, changes, { 'if-match': `"${base.version}"` });
      setBase(body);
      setForm(formOf(body));
      setSaved(true);
      onSaved(body);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) await onConflict();
      else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const set = (field: keyof Form) => (e: Event) => {
    setSaved(false);
    setForm({ ...form, [field]: (e.target as HTMLInputElement).value });
  };

  return (
    <aside class="side-panel" aria-label="Ticket details">
      <form class="card" onSubmit={save} aria-label="Ticket properties">
        <h2 class="card-title">Properties</h2>
        {stale && (
          <Notice tone="warning">
            <span data-conflict>Changed by {lastChangedBy(ticket, session.userId)} — reload to see their change{dirty ? '; your edits stay here until you do' : ''}.</span>
            <button type="button" class="button small" onClick={reload}>Reload</button>
          </Notice>
        )}
        <label class="field">
          <span>Status</span>
          <select name="status" value={form.status} onChange={set('status')}>
            {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
            {customs.some((c) => c.active || form.status === `${CUSTOM}${c.id}`) && (
              <optgroup label="Custom">
                {customs.filter((c) => c.active || form.status === `${CUSTOM}${c.id}`).map((c) => (
                  <option key={c.id} value={`${CUSTOM}${c.id}`}>{c.name} ({STATUS_LABEL[c.category]})</option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        {categoryOf(form.status, customs) === 'resolved' && base.status !== 'resolved' && (
          <label class="field">
            <span>Resolution</span>
            <textarea name="resolution" rows={2} required value={form.resolution} onInput={set('resolution')} />
          </label>
        )}
        <label class="field">
          <span>Priority</span>
          <select name="priority" value={form.priority} onChange={set('priority')}>
            {PRIORITIES.map((p) => <option key={p} value={p}>{PRIORITY_LABEL[p]}</option>)}
          </select>
        </label>
        <label class="field">
          <span>Assignee</span>
          <select name="assigneeId" value={form.assigneeId} onChange={set('assigneeId')}>
            <option value="">Unassigned</option>
            {users.filter((u) => u.role !== 'customer' && (u.active || u.id === form.assigneeId)).map((u) => (
              <option key={u.id} value={u.id}>{u.id === session.userId ? `${u.name} (me)` : u.name}</option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Category</span>
          <input name="category" value={form.category} onInput={set('category')} />
        </label>
        <label class="field">
          <span>Tags (comma separated)</span>
          <input name="tags" value={form.tags} onInput={set('tags')} />
        </label>
        {error && <Notice tone="error">{error}</Notice>}
        {saved && !dirty && <p class="success-text" role="status">Saved.</p>}
        <div class="row">
          <button class="button primary" type="submit" disabled={!dirty || busy}>{busy ? 'Saving…' : 'Save changes'}</button>
          {dirty && <button class="button ghost" type="button" onClick={reload}>Discard</button>}
        </div>
      </form>
      <SlaCard ticket={ticket} onSaved={onSaved} />
      <EscalationCard ticket={ticket} onSaved={onSaved} />
      <section class="card" aria-labelledby="requester-title">
        <h2 class="card-title" id="requester-title">Requester</h2>
        <p>{ticket.requester.name ?? '—'}</p>
        <p class="muted">{ticket.requester.email}</p>
        {ticket.requester.phone && <p class="muted">{ticket.requester.phone}</p>}
        <p class="muted">Channel: {ticket.channel}</p>
      </section>
    </aside>
  );
}

function SlaCard({ ticket, onSaved }: { ticket: TicketView; onSaved: (t: TicketView) => void }) {
  const { api } = useApp();
  const now = useNow();
  const sla = ticket.sla;
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit();
  const held = sla?.manualPause ?? null;
  const canHold = !!sla && !['resolved', 'closed', 'cancelled'].includes(ticket.status);
  // Pause needs a reason; resume takes an optional one. Either answers the new ticket.
  const hold = submit(async () => {
    const path = `/v1/tickets/${ticket.id}/sla/${held ? 'resume' : 'pause'}`;
    const { body } = await api.post<TicketView>(path, reason.trim() ? { reason: reason.trim() } : {});
    setReason('');
    onSaved(body);
  });
  const row = (label: string, at: string | null) => {
    if (!at) return null;
    const left = Date.parse(at) - now;
    return (
      <tr>
        <th scope="row">{label}</th>
        <td><time dateTime={at}>{formatDate(at)}</time></td>
        <td class={left <= 0 ? 'sla-breached-text' : ''}>{left <= 0 ? `${formatDuration(-left)} late` : `in ${formatDuration(left)}`}</td>
      </tr>
    );
  };
  return (
    <section class="card" aria-labelledby="sla-title">
      <h2 class="card-title" id="sla-title">SLA <SlaBadge ticket={ticket} /></h2>
      {!sla ? <p class="muted">No SLA applies.</p> : (
        <>
          <table class="kv">
            <tbody>
              {row('First response', sla.firstResponseDueAt)}
              {row('Next response', sla.nextResponseDueAt)}
              {row('Resolution', sla.resolutionDueAt)}
            </tbody>
          </table>
          {held
            ? <p class="muted" data-testid="sla-manual-pause">Paused by {held.byName ?? held.byId} since {formatDate(held.since)}: {held.reason}</p>
            : sla.pausedSince && <p class="muted">Paused since {formatDate(sla.pausedSince)} (waiting).</p>}
          {sla.breached.length > 0 && (
            <p class="sla-breached-text">Breached: {sla.breached.map((b) => `${b.kind} at ${formatDate(b.at)}`).join('; ')}</p>
          )}
          {ticket.firstResponseAt && <p class="muted">First response {formatDate(ticket.firstResponseAt)}</p>}
          {(held || canHold) && (
            <form onSubmit={hold} aria-label={held ? 'Resume the SLA clock' : 'Pause the SLA clock'}>
              <label class="field">
                <span>{held ? 'Reason (optional)' : 'Reason to pause'}</span>
                <input required={!held} maxLength={500} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
              </label>
              {error && <Notice tone="error">{error}</Notice>}
              <button class="button" type="submit" disabled={busy || (!held && !reason.trim())}>{held ? 'Resume SLA' : 'Pause SLA'}</button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

function EscalationCard({ ticket, onSaved }: { ticket: TicketView; onSaved: (t: TicketView) => void }) {
  const { api } = useApp();
  const [tier, setTier] = useState(String(Math.min(3, Math.max(1, ticket.escalation.tier + 1))));
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit();
  const escalate = submit(async () => {
    const { body } = await api.post<TicketView>(`/v1/tickets/${ticket.id}/escalation`, { tier: Number(tier), reason });
    setReason('');
    onSaved(body);
  });
  return (
    <form class="card" onSubmit={escalate} aria-labelledby="esc-title">
      <h2 class="card-title" id="esc-title">Escalation</h2>
      {ticket.escalation.escalated
        ? <p><span class="badge escalated">Tier {ticket.escalation.tier}</span> {ticket.escalation.reason}</p>
        : <p class="muted">Not escalated.</p>}
      <div class="row">
        <label class="field">
          <span>Tier</span>
          <select value={tier} onChange={(e) => setTier((e.target as HTMLSelectElement).value)}>
            {[1, 2, 3].map((t) => <option key={t} value={t}>Tier {t}</option>)}
          </select>
        </label>
        <label class="field grow">
          <span>Reason</span>
          <input required value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </label>
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      <button class="button" type="submit" disabled={busy || !reason.trim()}>Escalate</button>
    </form>
  );
}
