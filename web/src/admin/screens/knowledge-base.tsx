import { useState } from 'preact/hooks';
import { describeError } from '../../core/api';
import { useApp } from '../../core/app-context';
import type { ArticleView, KbHit } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useEditableList } from '../use-editable-list';

interface Draft { id?: string; title: string; body: string; tags: string; status: 'draft' | 'published'; audience: 'public' | 'internal' }

const fresh = (): Draft => ({ title: '', body: '', tags: '', status: 'draft', audience: 'internal' });

/**
 * Articles: write in Markdown, publish to the team (internal) or to customers and the public
 * form (public). The search box asks the same ranked search the assist uses.
 */
export function KnowledgeBaseScreen() {
  const { api, session } = useApp();
  const { list, items, draft, setDraft, error, setError, save: write } = useEditableList<ArticleView, Draft>(() => api.get('/v1/kb/articles'));
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<KbHit[]>();
  const [preview, setPreview] = useState<ArticleView>();
  const save = (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    const tags = draft.tags.split(',').map((t) => t.trim()).filter(Boolean);
    const fields = { title: draft.title, body: draft.body, tags, status: draft.status, audience: draft.audience };
    void write(() => (draft.id
      ? api.patch(`/v1/kb/articles/${draft.id}`, fields)
      : api.post('/v1/kb/articles', fields, { 'idempotency-key': crypto.randomUUID() })));
  };
  const search = async (e: Event) => {
    e.preventDefault();
    if (!query.trim()) return setHits(undefined);
    try {
      setHits((await api.get<{ items: KbHit[] }>('/v1/kb/search', { q: query.trim(), limit: 10 })).items);
    } catch (err) {
      setError(describeError(err));
    }
  };
  const remove = async (a: ArticleView) => {
    if (!confirm(`Delete the article “${a.title}”?`)) return;
    await api.delete(`/v1/kb/articles/${a.id}`).catch((err) => setError(describeError(err)));
    void list.reload();
  };
  const set = (field: keyof Draft) => (e: Event) => setDraft({ ...draft!, [field]: (e.target as HTMLInputElement).value });
  const edit = (a: ArticleView) => setDraft({ id: a.id, title: a.title, body: a.body, tags: a.tags.join(', '), status: a.status, audience: a.audience });
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {!draft && error && <Notice tone="error">{error}</Notice>}
      <form class="row" role="search" aria-label="Search articles" onSubmit={search}>
        <label class="field"><span>Search articles</span><input type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} /></label>
        <button class="button" type="submit">Search</button>
      </form>
      {hits && (
        <ol class="plain-list" aria-label="Search results">
          {hits.length === 0 && <li class="muted">No article matches.</li>}
          {hits.map((h) => (
            <li key={h.id}><strong>{h.title}</strong> <span class="muted">({h.audience}, score {h.score.toFixed(2)})</span> — {h.snippet}</li>
          ))}
        </ol>
      )}
      {!draft && <button class="button primary" type="button" onClick={() => { setError(undefined); setDraft(fresh()); }}>New article</button>}
      {draft && (
        <form class="card" onSubmit={save} aria-label="Article">
          <label class="field"><span>Title</span><input required maxLength={200} value={draft.title} onInput={set('title')} /></label>
          <label class="field"><span>Body (Markdown)</span><textarea required rows={10} value={draft.body} onInput={set('body')} /></label>
          <div class="form-grid">
            <label class="field"><span>Tags (comma separated)</span><input value={draft.tags} onInput={set('tags')} /></label>
            <label class="field"><span>Status</span><select value={draft.status} onChange={set('status')}><option value="draft">Draft</option><option value="published">Published</option></select></label>
            <label class="field"><span>Audience</span><select value={draft.audience} onChange={set('audience')}><option value="internal">Internal (staff)</option><option value="public">Public (customers, web form)</option></select></label>
          </div>
          {error && <Notice tone="error">{error}</Notice>}
          <div class="row"><button class="button primary" type="submit">Save article</button><button class="button ghost" type="button" onClick={() => setDraft(undefined)}>Cancel</button></div>
        </form>
      )}
      {preview && (
        <section class="card" aria-labelledby="preview-title">
          <h3 id="preview-title" class="card-title">{preview.title}<button class="button small ghost" type="button" onClick={() => setPreview(undefined)}>Close</button></h3>
          {/* Rendered from Markdown and sanitised by the API. */}
          <div class="article-body" dangerouslySetInnerHTML={{ __html: preview.html }} />
        </section>
      )}
      <table class="data">
        <caption class="visually-hidden">Articles</caption>
        <thead><tr><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Audience</th><th scope="col">Version</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <td>{a.title}</td><td>{a.status === 'published' ? 'Published' : 'Draft'}</td><td>{a.audience === 'public' ? 'Public' : 'Internal'}</td><td>{a.version}</td>
              <td class="row">
                <button class="button small ghost" type="button" onClick={() => setPreview(a)}>View<span class="visually-hidden"> {a.title}</span></button>
                <button class="button small" type="button" onClick={() => edit(a)}>Edit<span class="visually-hidden"> {a.title}</span></button>
                {session.role === 'admin' && <button class="button small danger" type="button" onClick={() => void remove(a)}>Delete<span class="visually-hidden"> {a.title}</span></button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
