import { useState } from 'preact/hooks';
import { describeError } from '../core/api';
import { useApp } from '../core/app-context';
import type { ReplyDraft } from '../core/types';
import { Notice } from '../ui/notice';

/**
 * Up to three reply drafts for the ticket (canned replies and articles ranked against the
 * thread; a model's draft where the organization turned one on), each with its sources. "Use"
 * puts the draft in the composer to edit; nothing is sent from here.
 */
export function ReplySuggestions({ ticketId, onUse }: { ticketId: string; onUse: (body: string) => void }) {
  const { api, caps } = useApp();
  const [drafts, setDrafts] = useState<ReplyDraft[]>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!caps.has('POST /v1/tickets/{ticketId}/reply-suggestions')) return null;
  const load = async () => {
    setBusy(true);
    try {
      const { body } = await api.post<{ items: ReplyDraft[] }>(`/v1/tickets/${ticketId}/reply-suggestions`);
      setDrafts(body.items);
      setError(undefined);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="suggestions">
      <button class="button small ghost" type="button" disabled={busy} onClick={() => void load()}>{busy ? 'Looking…' : 'Suggest replies'}</button>
      {error && <Notice tone="error">{error}</Notice>}
      {drafts && drafts.length === 0 && <p class="muted">No suggestion: no canned reply or article matches this ticket yet.</p>}
      {drafts && drafts.length > 0 && (
        <ol class="plain-list" aria-label="Suggested replies">
          {drafts.map((d, i) => (
            <li key={i} class="card suggestion">
              <p class="message-body">{d.body.length > 400 ? `${d.body.slice(0, 400)}…` : d.body}</p>
              <p class="muted">From {d.sources.map((s) => `${s.kind === 'canned-reply' ? 'canned reply' : s.kind} “${s.title}”`).join(', ')}</p>
              <button class="button small" type="button" onClick={() => { onUse(d.body); setDrafts(undefined); }}>Use<span class="visually-hidden"> suggestion {i + 1}</span></button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
