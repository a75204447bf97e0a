import { useState } from 'preact/hooks';
import { describeError } from '../../core/api';
import { useApp } from '../../core/app-context';
import { Notice } from '../../ui/notice';
import { useAsync } from '../../ui/use-async';
import type { CategoryView } from './categories';

const TYPES = ['text', 'number', 'date', 'select', 'multiselect', 'checkbox'] as const;
type FieldType = (typeof TYPES)[number];
export interface CustomFieldView {
  id: string; key: string; label: string; type: FieldType; options: string[] | null;
  required: boolean; categoryIds: string[]; visibleToCustomer: boolean;
}
interface Draft { id?: string; key: string; label: string; type: FieldType; options: string; required: boolean; categoryIds: string[]; visibleToCustomer: boolean }

const split = (s: string) => s.split(',').map((p) => p.trim()).filter(Boolean);

export function CustomFieldsScreen() {
  const { api, session, caps } = useApp();
  const list = useAsync(() => api.get<{ items: CustomFieldView[] }>('/v1/custom-fields'), []);
  const categories = useAsync(() => (caps.has('GET /v1/categories') ? api.get<{ items: CategoryView[] }>('/v1/categories') : Promise.resolve({ items: [] })), []);
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<string>();
  const canEdit = session.role === 'admin';
  const hasOptions = (t: FieldType) => t === 'select' || t === 'multiselect';
  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    const options = hasOptions(draft.type) ? split(draft.options) : undefined;
    const common = {
      label: draft.label, required: draft.required, visibleToCustomer: draft.visibleToCustomer,
      ...(options ? { options } : {}), ...(draft.categoryIds.length ? { categoryIds: draft.categoryIds } : {}),
    };
    try {
      if (draft.id) await api.patch(`/v1/custom-fields/${draft.id}`, { ...common, categoryIds: draft.categoryIds });
      else await api.post('/v1/custom-fields', { key: draft.key, type: draft.type, ...common }, { 'idempotency-key': crypto.randomUUID() });
      setDraft(undefined);
      setError(undefined);
      void list.reload();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const remove = async (f: CustomFieldView) => {
    if (!confirm(`Delete the field ${f.label}?`)) return;
    setError(undefined);
    await api.delete(`/v1/custom-fields/${f.id}`).catch((err) => setError(describeError(err)));
    void list.reload();
  };
  const categoryName = (id: string) => categories.data?.items.find((c) => c.id === id)?.name ?? id;
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {!draft && error && <Notice tone="error">{error}</Notice>}
      {canEdit && !draft && (
        <button class="button primary" type="button" onClick={() => { setError(undefined); setDraft({ key: '', label: '', type: 'text', options: '', required: false, categoryIds: [], visibleToCustomer: false }); }}>New field</button>
      )}
      {draft && (
        <form class="card form-grid" onSubmit={save} aria-label="Custom field">
          <label class="field"><span>Label</span><input required maxLength={100} value={draft.label} onInput={(e) => setDraft({ ...draft, label: (e.target as HTMLInputElement).value })} /></label>
          <label class="field"><span>Key (letters, digits, _)</span><input required disabled={!!draft.id} pattern="[A-Za-z][A-Za-z0-9_]*" value={draft.key} onInput={(e) => setDraft({ ...draft, key: (e.target as HTMLInputElement).value })} /></label>
          <label class="field"><span>Type</span>
            <select disabled={!!draft.id} value={draft.type} onChange={(e) => setDraft({ ...draft, type: (e.target as HTMLSelectElement).value as FieldType })}>
              {TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </label>
          {hasOptions(draft.type) && <label class="field"><span>Options (comma separated)</span><input required value={draft.options} onInput={(e) => setDraft({ ...draft, options: (e.target as HTMLInputElement).value })} /></label>}
          <label class="check-field"><input type="checkbox" checked={draft.required} onChange={(e) => setDraft({ ...draft, required: (e.target as HTMLInputElement).checked })} /> Required</label>
          <label class="check-field"><input type="checkbox" checked={draft.visibleToCustomer} onChange={(e) => setDraft({ ...draft, visibleToCustomer: (e.target as HTMLInputElement).checked })} /> Visible to customers</label>
          {(categories.data?.items.length ?? 0) > 0 && (
            <label class="field"><span>Only for categories (none selected: all)</span>
              <select multiple onChange={(e) => setDraft({ ...draft, categoryIds: Array.from((e.target as HTMLSelectElement).selectedOptions).map((o) => o.value) })}>
                {categories.data!.items.filter((c) => !c.archived || draft.categoryIds.includes(c.id)).map((c) => <option key={c.id} value={c.id} selected={draft.categoryIds.includes(c.id)}>{c.name}</option>)}
              </select>
            </label>
          )}
          {error && <Notice tone="error">{error}</Notice>}
          <div class="row"><button class="button primary" type="submit">Save field</button><button class="button ghost" type="button" onClick={() => setDraft(undefined)}>Cancel</button></div>
        </form>
      )}
      <table class="data">
        <caption class="visually-hidden">Custom fields</caption>
        <thead><tr><th scope="col">Label</th><th scope="col">Key</th><th scope="col">Type</th><th scope="col">Categories</th><th scope="col">Required</th><th scope="col">Customers see it</th>{canEdit && <th scope="col"><span class="visually-hidden">Actions</span></th>}</tr></thead>
        <tbody>
          {(list.data?.items ?? []).map((f) => (
            <tr key={f.id}>
              <td>{f.label}</td>
              <td><code>{f.key}</code></td>
              <td>{f.type}{f.options?.length ? <span class="muted"> ({f.options.join(', ')})</span> : null}</td>
              <td>{f.categoryIds.length ? f.categoryIds.map(categoryName).join(', ') : 'All'}</td>
              <td>{f.required ? 'Yes' : ''}</td>
              <td>{f.visibleToCustomer ? 'Yes' : ''}</td>
              {canEdit && (
                <td class="row">
                  <button class="button small" type="button" onClick={() => { setError(undefined); setDraft({ id: f.id, key: f.key, label: f.label, type: f.type, options: (f.options ?? []).join(', '), required: f.required, categoryIds: f.categoryIds, visibleToCustomer: f.visibleToCustomer }); }}>Edit<span class="visually-hidden"> {f.label}</span></button>
                  <button class="button small danger" type="button" onClick={() => void remove(f)}>Delete<span class="visually-hidden"> {f.label}</span></button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
