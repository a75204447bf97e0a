import { useState } from 'preact/hooks';
import { describeError } from '../../core/api';
import { useApp } from '../../core/app-context';
import { Notice } from '../../ui/notice';
import { useAsync } from '../../ui/use-async';

export interface DepartmentView { id: string; name: string; description: string | null; tier: number | null; createdAt: string; updatedAt: string }
interface Draft { id?: string; name: string; description: string; tier: string }

export function DepartmentsScreen() {
  const { api, session } = useApp();
  const list = useAsync(() => api.get<{ items: DepartmentView[] }>('/v1/departments'), []);
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<string>();
  const canEdit = session.role === 'admin';
  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    const tier = draft.tier ? Number(draft.tier) : undefined;
    try {
      if (draft.id) {
        await api.patch(`/v1/departments/${draft.id}`, { name: draft.name, description: draft.description, ...(tier ? { tier } : {}) });
      } else {
        await api.post('/v1/departments', { name: draft.name, ...(draft.description ? { description: draft.description } : {}), ...(tier ? { tier } : {}) }, { 'idempotency-key': crypto.randomUUID() });
      }
      setDraft(undefined);
      setError(undefined);
      void list.reload();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const remove = async (d: DepartmentView) => {
    if (!confirm(`Delete the department ${d.name}? Routing rules naming it stop routing.`)) return;
    await api.delete(`/v1/departments/${d.id}`).catch((err) => setError(describeError(err)));
    void list.reload();
  };
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {!draft && error && <Notice tone="error">{error}</Notice>}
      {canEdit && !draft && <button class="button primary" type="button" onClick={() => { setError(undefined); setDraft({ name: '', description: '', tier: '' }); }}>New department</button>}
      {draft && (
        <form class="card form-grid" onSubmit={save} aria-label="Department">
          <label class="field"><span>Name</span><input required maxLength={100} value={draft.name} onInput={(e) => setDraft({ ...draft, name: (e.target as HTMLInputElement).value })} /></label>
          <label class="field"><span>Description</span><input maxLength={1000} value={draft.description} onInput={(e) => setDraft({ ...draft, description: (e.target as HTMLInputElement).value })} /></label>
          <label class="field"><span>Tier</span>
            <select value={draft.tier} onChange={(e) => setDraft({ ...draft, tier: (e.target as HTMLSelectElement).value })}>
              <option value="">None</option><option value="1">1</option><option value="2">2</option><option value="3">3</option>
            </select>
          </label>
          {error && <Notice tone="error">{error}</Notice>}
          <div class="row"><button class="button primary" type="submit">Save department</button><button class="button ghost" type="button" onClick={() => setDraft(undefined)}>Cancel</button></div>
        </form>
      )}
      <table class="data">
        <caption class="visually-hidden">Departments</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Description</th><th scope="col">Tier</th>{canEdit && <th scope="col"><span class="visually-hidden">Actions</span></th>}</tr></thead>
        <tbody>
          {(list.data?.items ?? []).map((d) => (
            <tr key={d.id}>
              <td>{d.name}</td>
              <td>{d.description}</td>
              <td>{d.tier ?? ''}</td>
              {canEdit && (
                <td class="row">
                  <button class="button small" type="button" onClick={() => { setError(undefined); setDraft({ id: d.id, name: d.name, description: d.description ?? '', tier: d.tier ? String(d.tier) : '' }); }}>Edit<span class="visually-hidden"> {d.name}</span></button>
                  <button class="button small danger" type="button" onClick={() => void remove(d)}>Delete<span class="visually-hidden"> {d.name}</span></button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
