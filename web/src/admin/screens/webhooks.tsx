import { useState } from 'preact/hooks';
import { describeError } from '../../core/api';
import { useApp } from '../../core/app-context';
import type { WebhookView } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useAsync } from '../../ui/use-async';

interface Draft { id?: string; url: string; events: string; description: string; enabled: boolean }

export function WebhooksScreen() {
  const { api } = useApp();
  const list = useAsync(() => api.get<{ items: WebhookView[] }>('/v1/webhooks'), []);
  const [draft, setDraft] = useState<Draft>();
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<string>();
  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    const events = draft.events.split(',').map((s) => s.trim()).filter(Boolean);
    try {
      if (draft.id) {
        await api.patch(`/v1/webhooks/${draft.id}`, { url: draft.url, events, description: draft.description || null, enabled: draft.enabled });
      } else {
        const { body } = await api.post<{ secret?: string }>('/v1/webhooks', { url: draft.url, events, ...(draft.description ? { description: draft.description } : {}) }, { 'idempotency-key': crypto.randomUUID() });
        setSecret(body.secret);
      }
      setDraft(undefined);
      setError(undefined);
      void list.reload();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const remove = async (w: WebhookView) => {
    if (!confirm(`Delete the webhook to ${w.url}?`)) return;
    await api.delete(`/v1/webhooks/${w.id}`).catch((err) => setError(describeError(err)));
    void list.reload();
  };
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {secret && <Notice tone="success">Signing secret (shown once): <code>{secret}</code></Notice>}
      {!draft && <button class="button primary" type="button" onClick={() => setDraft({ url: '', events: '*', description: '', enabled: true })}>New webhook</button>}
      {draft && (
        <form class="card form-grid" onSubmit={save} aria-label="Webhook">
          <label class="field"><span>Endpoint URL</span><input required type="url" value={draft.url} onInput={(e) => setDraft({ ...draft, url: (e.target as HTMLInputElement).value })} /></label>
          <label class="field"><span>Events (* or e.g. ticket.created, ticket.status.changed)</span><input required value={draft.events} onInput={(e) => setDraft({ ...draft, events: (e.target as HTMLInputElement).value })} /></label>
          <label class="field"><span>Description</span><input value={draft.description} onInput={(e) => setDraft({ ...draft, description: (e.target as HTMLInputElement).value })} /></label>
          {draft.id && <label class="check-field"><input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: (e.target as HTMLInputElement).checked })} /> Enabled</label>}
          {error && <Notice tone="error">{error}</Notice>}
          <div class="row"><button class="button primary" type="submit">Save</button><button class="button ghost" type="button" onClick={() => setDraft(undefined)}>Cancel</button></div>
        </form>
      )}
      <table class="data">
        <caption class="visually-hidden">Webhooks</caption>
        <thead><tr><th scope="col">Endpoint</th><th scope="col">Events</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {(list.data?.items ?? []).map((w) => (
            <tr key={w.id}>
              <td>{w.url}<br /><span class="muted">{w.description}</span></td>
              <td>{w.events.join(', ')}</td>
              <td>{w.enabled ? 'Enabled' : `Disabled${w.disabledReason ? `: ${w.disabledReason}` : ''}`}{w.consecutiveFailures ? ` · ${w.consecutiveFailures} failures` : ''}</td>
              <td class="row">
                <button class="button small" type="button" onClick={() => setDraft({ id: w.id, url: w.url, events: w.events.join(', '), description: w.description ?? '', enabled: w.enabled })}>Edit<span class="visually-hidden"> {w.url}</span></button>
                <button class="button small danger" type="button" onClick={() => void remove(w)}>Delete<span class="visually-hidden"> {w.url}</span></button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
