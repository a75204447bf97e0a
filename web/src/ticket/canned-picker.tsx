import { useEffect, useState } from 'preact/hooks';
import { ApiError, describeError } from '../core/api';
import { useApp } from '../core/app-context';

interface CannedReply { id: string; title: string; body: string; shortcut: string | null }

/**
 * Staff pick a canned reply; the message is sent as `{ cannedReplyId }` and the server renders
 * its variables for this ticket. Hidden where the deployment has no canned replies (404).
 */
export function CannedReplyPicker({ disabled, onSend }: { disabled: boolean; onSend: (cannedReplyId: string) => Promise<void> }) {
  const { api } = useApp();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<CannedReply[]>([]);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string>();
  const [chosen, setChosen] = useState('');

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.get<{ items: CannedReply[] }>('/v1/canned-replies', { q: q.trim() || undefined })
        .then((r) => { if (live) { setItems(r.items); setError(undefined); } })
        .catch((err) => {
          if (!live) return;
          if (err instanceof ApiError && err.status === 404) setMissing(true);
          else setError(describeError(err));
        });
    }, q ? 250 : 0);
    return () => { live = false; clearTimeout(timer); };
  }, [q]);

  if (missing) return null;
  const selected = items.find((r) => r.id === chosen);
  return (
    <div class="canned-picker">
      <label class="field"><span>Find a canned reply</span><input type="search" value={q} onKeyDown={(e) => { if (e.key === 'Enter') e.preventDefault(); }} onInput={(e) => setQ((e.target as HTMLInputElement).value)} /></label>
      <label class="field"><span>Canned reply</span>
        <select value={chosen} onChange={(e) => setChosen((e.target as HTMLSelectElement).value)}>
          <option value="">Choose…</option>
          {items.map((r) => <option key={r.id} value={r.id}>{r.title}{r.shortcut ? ` (${r.shortcut})` : ''}</option>)}
        </select>
      </label>
      <button class="button" type="button" disabled={disabled || !selected} onClick={() => { if (selected) void onSend(selected.id).then(() => setChosen('')); }}>
        Send canned reply
      </button>
      {selected && <p class="muted canned-preview">{selected.body.slice(0, 300)}</p>}
      {error && <p class="field-error">{error}</p>}
    </div>
  );
}
