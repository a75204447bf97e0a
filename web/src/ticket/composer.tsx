import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../core/api';
import { useApp } from '../core/app-context';
import { Notice } from '../ui/notice';
import { canAttach, formatSize, uploadAttachment } from './attachments';
import { CannedReplyPicker } from './canned-picker';
import { ReplySuggestions } from './reply-suggestions';

const TYPING_IDLE_MS = 3000;

/**
 * Writes a public reply or (staff) an internal note. Tells the room while the user types;
 * files go up first through the upload slots, then ride on the message as `attachmentIds`.
 */
export function Composer({ ticketId, allowNotes, onSent }: { ticketId: string; allowNotes: boolean; onSent: () => void }) {
  const { api, caps, realtime } = useApp();
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const typing = useRef<{ since?: number; timer?: ReturnType<typeof setTimeout> }>({});
  const internal = allowNotes && mode === 'note';

  const stopTyping = () => {
    clearTimeout(typing.current.timer);
    if (typing.current.since) realtime.send({ action: 'typing', ticketId, state: 'stop', ...(internal ? { internal: true } : {}) });
    typing.current.since = undefined;
  };
  useEffect(() => stopTyping, [ticketId]);

  const onInput = (value: string) => {
    setBody(value);
    if (!typing.current.since) {
      typing.current.since = Date.now();
      realtime.send({ action: 'typing', ticketId, state: 'start', ...(internal ? { internal: true } : {}) });
    }
    clearTimeout(typing.current.timer);
    typing.current.timer = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const send = async (e?: Event) => {
    e?.preventDefault();
    if (!body.trim() || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const attachmentIds = [];
      for (const file of files) attachmentIds.push(await uploadAttachment(api, ticketId, file));
      await api.post(`/v1/tickets/${ticketId}/messages`, {
        body,
        ...(internal ? { internal: true } : {}),
        ...(attachmentIds.length ? { attachmentIds } : {}),
      }, { 'idempotency-key': crypto.randomUUID() });
      stopTyping();
      setBody('');
      setFiles([]);
      onSent();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  /** Sends a canned reply: the server renders its body for this ticket. */
  const sendCanned = async (cannedReplyId: string) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/v1/tickets/${ticketId}/messages`, { cannedReplyId, ...(internal ? { internal: true } : {}) }, { 'idempotency-key': crypto.randomUUID() });
      stopTyping();
      onSent();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class={`composer ${internal ? 'composer-note' : ''}`} aria-label={internal ? 'Internal note' : 'Reply'} onSubmit={send}>
      {allowNotes && (
        <div class="segmented" role="radiogroup" aria-label="Message kind">
          <label class={mode === 'reply' ? 'active' : ''}>
            <input type="radio" name="kind" value="reply" checked={mode === 'reply'} onChange={() => setMode('reply')} />
            Public reply
          </label>
          <label class={mode === 'note' ? 'active' : ''}>
            <input type="radio" name="kind" value="note" checked={mode === 'note'} onChange={() => setMode('note')} />
            Internal note
          </label>
        </div>
      )}
      <label class="field">
        <span class={allowNotes ? 'visually-hidden' : ''}>{internal ? 'Note for the team (never shown to the customer)' : 'Your reply'}</span>
        <textarea
          name="body"
          rows={5}
          value={body}
          placeholder={internal ? 'Only your team sees this note' : 'Write a reply…'}
          onInput={(e) => onInput((e.target as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send();
          }}
        />
      </label>
      {allowNotes && <CannedReplyPicker disabled={busy} onSend={sendCanned} />}
      {allowNotes && !internal && <ReplySuggestions ticketId={ticketId} onUse={onInput} />}
      {canAttach(caps) && (
        <div class="attach">
          <label class="button ghost">
            <span>Attach files</span>
            <input
              class="visually-hidden"
              type="file"
              multiple
              onChange={(e) => setFiles([...files, ...Array.from((e.target as HTMLInputElement).files ?? [])])}
            />
          </label>
          {files.map((f, i) => (
            <span key={`${f.name}-${i}`} class="chip">
              {f.name} <span class="muted">{formatSize(f.size)}</span>
              <button type="button" class="chip-remove" aria-label={`Remove ${f.name}`} onClick={() => setFiles(files.filter((_, j) => j !== i))}>×</button>
            </span>
          ))}
        </div>
      )}
      {error && <Notice tone="error">Not sent: {error}</Notice>}
      <div class="composer-actions">
        <span class="muted hint">Ctrl+Enter sends</span>
        <button class={`button ${internal ? 'warning' : 'primary'}`} type="submit" disabled={busy || !body.trim()}>
          {busy ? 'Sending…' : internal ? 'Add note' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}
