import { useState } from 'preact/hooks';
import { describeError } from '../../core/api';
import { useApp } from '../../core/app-context';
import { Notice } from '../../ui/notice';
import { useAsync } from '../../ui/use-async';

export interface CategoryView { id: string; name: string; parentId: string | null; archived: boolean; ticketCount: number }
interface Draft { id?: string; slug: string; name: string; parentId: string }

/** Categories form a two-level tree: top-level categories and their children. */
export function CategoriesScreen() {
  const { api, session } = useApp();
  const list = useAsync(() => api.get<{ items: CategoryView[] }>('/v1/categories'), []);
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<string>();
  const canEdit = session.role === 'admin';
  const items = list.data?.items ?? [];
  const tops = items.filter((c) => !c.parentId);
  const ordered = tops.flatMap((t) => [t, ...items.filter((c) => c.parentId === t.id)]);
  const orphans = items.filter((c) => c.parentId && !tops.some((t) => t.id === c.parentId));
  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    try {
      if (draft.id) await api.patch(`/v1/categories/${draft.id}`, { name: draft.name });
      else await api.post('/v1/categories', { name: draft.name, ...(draft.slug ? { id: draft.slug } : {}), ...(draft.parentId ? { parentId: draft.parentId } : {}) }, { 'idempotency-key': crypto.randomUUID() });
      setDraft(undefined);
      setError(undefined);
      void list.reload();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const setArchived = async (c: CategoryView, archived: boolean) => {
    setError(undefined);
    await api.patch(`/v1/categories/${c.id}`, { archived }).catch((err) => setError(describeError(err)));
    void list.reload();
  };
  const remove = async (c: CategoryView) => {
    if (!confirm(`Delete the category ${c.name}?`)) return;
    setError(undefined);
    await api.delete(`/v1/categories/${c.id}`).catch((err) => setError(describeError(err)));
    void list.reload();
  };
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {!draft && error && <Notice tone="error">{error}</Notice>}
      {canEdit && !draft && <button class="button primary" type="button" onClick={() => { setError(undefined); setDraft({ slug: '', name: '', parentId: '' }); }}>New category</button>}
      {draft && (
        <form class="card form-grid" onSubmit={save} aria-label="Category">
          <label class="field"><span>Name</span><input required maxLength={100} value={draft.name} onInput={(e) => setDraft({ ...draft, name: (e.target as HTMLInputElement).value })} /></label>
          {!draft.id && <label class="field"><span>Id (optional; lower-case letters, digits, _ and -)</span><input pattern="[a-z0-9][a-z0-9_\-]*" value={draft.slug} onInput={(e) => setDraft({ ...draft, slug: (e.target as HTMLInputElement).value })} /></label>}
          {!draft.id && (
            <label class="field"><span>Parent category</span>
              <select value={draft.parentId} onChange={(e) => setDraft({ ...draft, parentId: (e.target as HTMLSelectElement).value })}>
                <option value="">None (top level)</option>
                {tops.filter((t) => !t.archived).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
              </select>
            </label>
          )}
          {error && <Notice tone="error">{error}</Notice>}
          <div class="row"><button class="button primary" type="submit">Save category</button><button class="button ghost" type="button" onClick={() => setDraft(undefined)}>Cancel</button></div>
        </form>
      )}
      <table class="data">
        <caption class="visually-hidden">Categories</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Tickets</th><th scope="col">State</th>{canEdit && <th scope="col"><span class="visually-hidden">Actions</span></th>}</tr></thead>
        <tbody>
          {[...ordered, ...orphans].map((c) => (
            <tr key={c.id}>
              <td>{c.parentId ? <span class="muted" aria-hidden="true">↳ </span> : null}{c.name}</td>
              <td><code>{c.id}</code></td>
              <td>{c.ticketCount}</td>
              <td>{c.archived ? 'Archived' : 'Active'}</td>
              {canEdit && (
                <td class="row">
                  <button class="button small" type="button" onClick={() => { setError(undefined); setDraft({ id: c.id, slug: c.id, name: c.name, parentId: c.parentId ?? '' }); }}>Edit<span class="visually-hidden"> {c.name}</span></button>
                  <button class="button small" type="button" onClick={() => void setArchived(c, !c.archived)}>{c.archived ? 'Restore' : 'Archive'}<span class="visually-hidden"> {c.name}</span></button>
                  <button class="button small danger" type="button" onClick={() => void remove(c)}>Delete<span class="visually-hidden"> {c.name}</span></button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
