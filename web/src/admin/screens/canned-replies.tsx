import { useState } from 'preact/hooks';
import { describeError } from '../../core/api';
import { useApp } from '../../core/app-context';
import { Notice } from '../../ui/notice';
import { useAsync } from '../../ui/use-async';

export interface CannedReplyView {
  id: string; title: string; body: string; shortcut: string | null; categoryIds: string[];
  shared: boolean; ownerId: string; variables: string[]; updatedAt: string;
}
interface Draft { id?: string; title: string; body: string; shortcut: string; shared: boolean }

/** Staff keep their own replies and share some with the team; the server renders {{variables}}. */
export function CannedRepliesScreen() {
  const { api } = useApp();
  const [q, setQ] = useState('');
  const list = useAsync(() => api.get<{ items: CannedReplyView[] }>('/v1/canned-replies', { q: q.trim() || undefined }), [q]);
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<string>();
  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    try {
      if (draft.id) await api.patch(`/v1/canned-replies/${draft.id}`, { title: draft.title, body: draft.body, shortcut: draft.shortcut || null, shared: draft.shared });
      else await api.post('/v1/canned-replies', { title: draft.title, body: draft.body, shared: draft.shared, ...(draft.shortcut ? { shortcut: draft.shortcut } : {}) }, { 'idempotency-key': crypto.randomUUID() });
      setDraft(undefined);
      setError(undefined);
      void list.reload();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const remove = async (r: CannedReplyView) => {
    if (!confirm(`Delete the canned reply ${r.title}?`)) return;
    setError(undefined);
    await api.delete(`/v1/canned-replies/${r.id}`).catch((err) => setError(describeError(err)));
    void list.reload();
  };
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {!draft && error && <Notice tone="error">{error}</Notice>}
      <div class="row">
        <label class="field"><span>Search canned replies</span><input type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} /></label>
        {!draft && <button class="button primary" type="button" onClick={() => { setError(undefined); setDraft({ title: '', body: '', shortcut: '', shared: true }); }}>New canned reply</button>}
      </div>
      {draft && (
        <form class="card form-grid" onSubmit={save} aria-label="Canned reply">
          <label class="field"><span>Title</span><input required maxLength={200} value={draft.title} onInput={(e) => setDraft({ ...draft, title: (e.target as HTMLInputElement).value })} /></label>
          <label class="field"><span>Shortcut (optional; letters, digits, _ and -)</span><input pattern="[A-Za-z0-9_\-]+" maxLength={50} value={draft.shortcut} onInput={(e) => setDraft({ ...draft, shortcut: (e.target as HTMLInputElement).value })} /></label>
          <label class="field"><span>Body (variables such as {'{{ticket.subject}}'} are filled in when sent)</span><textarea required rows={6} value={draft.body} onInput={(e) => setDraft({ ...draft, body: (e.target as HTMLTextAreaElement).value })} /></label>
          <label class="check-field"><input type="checkbox" checked={draft.shared} onChange={(e) => setDraft({ ...draft, shared: (e.target as HTMLInputElement).checked })} /> Shared with the team</label>
          {error && <Notice tone="error">{error}</Notice>}
          <div class="row"><button class="button primary" type="submit">Save canned reply</button><button class="button ghost" type="button" onClick={() => setDraft(undefined)}>Cancel</button></div>
        </form>
      )}
      <table class="data">
        <caption class="visually-hidden">Canned replies</caption>
        <thead><tr><th scope="col">Title</th><th scope="col">Shortcut</th><th scope="col">Variables</th><th scope="col">Shared</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {(list.data?.items ?? []).map((r) => (
            <tr key={r.id}>
              <td>{r.title}<br /><span class="muted">{r.body.slice(0, 120)}</span></td>
              <td>{r.shortcut ? <code>{r.shortcut}</code> : ''}</td>
              <td>{r.variables.join(', ')}</td>
              <td>{r.shared ? 'Yes' : 'Only me'}</td>
              <td class="row">
                <button class="button small" type="button" onClick={() => { setError(undefined); setDraft({ id: r.id, title: r.title, body: r.body, shortcut: r.shortcut ?? '', shared: r.shared }); }}>Edit<span class="visually-hidden"> {r.title}</span></button>
                <button class="button small danger" type="button" onClick={() => void remove(r)}>Delete<span class="visually-hidden"> {r.title}</span></button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
