import { useApp } from '../../core/app-context';
import { STATUSES, STATUS_LABEL, type CustomStatusView } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useEditableList } from '../use-editable-list';

interface Draft { id?: string; name: string; category: string; customerLabel: string; active: boolean }

/**
 * Custom statuses (Zendesk's model): a name staff see, the fixed status it stands for (which
 * transitions, SLA pauses and lists follow) and an optional label for customers.
 */
export function StatusesScreen() {
  const { api, session } = useApp();
  const { list, items, draft, setDraft, error, setError, save: write } = useEditableList<CustomStatusView, Draft>(() => api.get('/v1/statuses'));
  const canEdit = session.role === 'admin';
  const save = (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    void write(() => draft.id
      ? api.patch(`/v1/statuses/${draft.id}`, { name: draft.name, customerLabel: draft.customerLabel.trim() || null, active: draft.active })
      : api.post('/v1/statuses', {
        name: draft.name, category: draft.category, active: draft.active, ...(draft.customerLabel.trim() ? { customerLabel: draft.customerLabel.trim() } : {}),
      }, { 'idempotency-key': crypto.randomUUID() }));
  };
  const set = (field: keyof Draft) => (e: Event) => {
    const input = e.target as HTMLInputElement;
    setDraft({ ...draft!, [field]: field === 'active' ? input.checked : input.value });
  };
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {!draft && error && <Notice tone="error">{error}</Notice>}
      {canEdit && !draft && (
        <button class="button primary" type="button" onClick={() => { setError(undefined); setDraft({ name: '', category: 'in_progress', customerLabel: '', active: true }); }}>New status</button>
      )}
      {draft && (
        <form class="card form-grid" onSubmit={save} aria-label="Custom status">
          <label class="field"><span>Name</span><input required maxLength={80} value={draft.name} onInput={set('name')} /></label>
          <label class="field"><span>Stands for</span>
            <select value={draft.category} disabled={Boolean(draft.id)} onChange={set('category')}>
              {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
            </select>
          </label>
          <label class="field"><span>Customers see</span><input maxLength={80} placeholder={STATUS_LABEL[draft.category]} value={draft.customerLabel} onInput={set('customerLabel')} /></label>
          <label class="inline-field"><input type="checkbox" checked={draft.active} onChange={set('active')} /> <span>Can be set on tickets</span></label>
          {error && <Notice tone="error">{error}</Notice>}
          <div class="row"><button class="button primary" type="submit">Save status</button><button class="button ghost" type="button" onClick={() => setDraft(undefined)}>Cancel</button></div>
        </form>
      )}
      <table class="data">
        <caption class="visually-hidden">Custom statuses</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Stands for</th><th scope="col">Customers see</th><th scope="col">Active</th>{canEdit && <th scope="col"><span class="visually-hidden">Actions</span></th>}</tr></thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id}>
              <td>{s.name}</td><td>{STATUS_LABEL[s.category]}</td><td>{s.customerLabel ?? STATUS_LABEL[s.category]}</td><td>{s.active ? 'Yes' : 'No'}</td>
              {canEdit && (
                <td><button class="button small" type="button" onClick={() => { setError(undefined); setDraft({ id: s.id, name: s.name, category: s.category, customerLabel: s.customerLabel ?? '', active: s.active }); }}>Edit<span class="visually-hidden"> {s.name}</span></button></td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
