import { useState } from 'preact/hooks';
import { describeError } from '../core/api';
import { useApp } from '../core/app-context';
import { PRIORITIES, PRIORITY_LABEL, STATUSES, STATUS_LABEL } from '../core/types';
import { Notice } from '../ui/notice';

interface BulkResult {
  succeeded: number;
  failed: number;
  results: { ticketId: string; status: number; problem?: { title: string; detail?: string } }[];
}

/** Changes up to 100 selected tickets in one request; each ticket's outcome is reported. */
export function BulkBar({ ticketIds, onDone }: { ticketIds: string[]; onDone: () => void }) {
  const { api, users } = useApp();
  const [status, setStatus] = useState('');
  const [resolution, setResolution] = useState('');
  const [priority, setPriority] = useState('');
  const [assignee, setAssignee] = useState('');
  const [addTag, setAddTag] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'warning' | 'error'; text: string }>();

  const apply = async (e: Event) => {
    e.preventDefault();
    const changes: Record<string, unknown> = {};
    if (status) changes.status = status;
    if (status === 'resolved') changes.resolution = resolution;
    if (priority) changes.priority = priority;
    if (assignee) changes.assigneeId = assignee === 'unassigned' ? null : assignee;
    if (addTag.trim()) changes.addTags = addTag.split(',').map((t) => t.trim()).filter(Boolean);
    if (Object.keys(changes).length === 0) return setOutcome({ tone: 'warning', text: 'Choose at least one change.' });
    setBusy(true);
    try {
      const { body } = await api.post<BulkResult>('/v1/tickets/bulk', { ticketIds: ticketIds.slice(0, 100), changes });
      const failures = body.results.filter((r) => r.status >= 400).map((r) => r.problem?.detail ?? r.problem?.title ?? String(r.status));
      setOutcome({
        tone: body.failed ? 'warning' : 'success',
        text: `${body.succeeded} updated${body.failed ? `, ${body.failed} failed: ${[...new Set(failures)].join('; ')}` : ''}.`,
      });
      if (!body.failed) onDone();
    } catch (error) {
      setOutcome({ tone: 'error', text: describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="bulk-bar" aria-label="Bulk actions" onSubmit={apply}>
      <strong>{ticketIds.length} selected</strong>
      <label class="inline-field">
        <span>Status</span>
        <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
          <option value="">Keep</option>
          {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
        </select>
      </label>
      {status === 'resolved' && (
        <label class="inline-field">
          <span>Resolution</span>
          <input required value={resolution} onInput={(e) => setResolution((e.target as HTMLInputElement).value)} />
        </label>
      )}
      <label class="inline-field">
        <span>Priority</span>
        <select value={priority} onChange={(e) => setPriority((e.target as HTMLSelectElement).value)}>
          <option value="">Keep</option>
          {PRIORITIES.map((p) => <option key={p} value={p}>{PRIORITY_LABEL[p]}</option>)}
        </select>
      </label>
      <label class="inline-field">
        <span>Assignee</span>
        <select value={assignee} onChange={(e) => setAssignee((e.target as HTMLSelectElement).value)}>
          <option value="">Keep</option>
          <option value="unassigned">Unassign</option>
          {users.filter((u) => u.role !== 'customer' && u.active).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </label>
      <label class="inline-field">
        <span>Add tags</span>
        <input value={addTag} placeholder="tag, tag" onInput={(e) => setAddTag((e.target as HTMLInputElement).value)} />
      </label>
      <button class="button primary" type="submit" disabled={busy}>Apply to {ticketIds.length}</button>
      {outcome && <Notice tone={outcome.tone}>{outcome.text}</Notice>}
    </form>
  );
}
