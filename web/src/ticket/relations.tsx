import { useState } from 'preact/hooks';
import { describeError } from '../core/api';
import { useApp } from '../core/app-context';
import { href, navigate } from '../core/router';
import type { TicketLinkView, TicketView } from '../core/types';
import { Notice } from '../ui/notice';

const KIND_LABEL: Record<TicketLinkView['kind'], string> = { related: 'Related', duplicate: 'Duplicate', parent: 'Parent', child: 'Child' };

/**
 * A ticket's relations: the ticket it was merged into, its links (add, remove), and merging it
 * into another. Other tickets are named by number, as agents quote them.
 */
export function Relations({ ticket, onChanged }: { ticket: TicketView; onChanged: () => void }) {
  const { api, caps } = useApp();
  const [number, setNumber] = useState('');
  const [kind, setKind] = useState<TicketLinkView['kind']>('related');
  const [error, setError] = useState<string>();
  const canLink = caps.has('POST /v1/tickets/{ticketId}/links/{otherTicketId}');
  const canMerge = caps.has('POST /v1/tickets/{ticketId}/merge') && !ticket.mergedInto && ticket.status !== 'closed';
  if (!canLink && !ticket.mergedInto) return null;

  const other = async () => (await api.get<TicketView>(`/v1/tickets/by-number/${encodeURIComponent(number.trim())}`));
  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setError(undefined);
      setNumber('');
      onChanged();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const link = (e: Event) => {
    e.preventDefault();
    void act(async () => api.post(`/v1/tickets/${ticket.id}/links/${(await other()).id}`, { kind }));
  };
  const merge = () => void act(async () => {
    const target = await other();
    if (!confirm(`Merge ${ticket.number} into ${target.number}? Its messages move over and ${ticket.number} closes.`)) return;
    await api.post(`/v1/tickets/${ticket.id}/merge`, { targetTicketId: target.id });
    navigate(`/tickets/${target.id}`);
  });
  const unlink = (l: TicketLinkView) => void act(() => api.delete(`/v1/tickets/${ticket.id}/links/${l.ticketId}`));

  return (
    <section class="card" aria-labelledby="relations-title">
      <h2 id="relations-title" class="card-title">Related tickets</h2>
      {ticket.mergedInto && (
        <Notice tone="info">Merged into <a href={href(`/tickets/${ticket.mergedInto.id}`)}>{ticket.mergedInto.number}</a>: the conversation continues there.</Notice>
      )}
      {(ticket.links ?? []).length > 0 && (
        <ul class="plain-list" aria-label="Links">
          {(ticket.links ?? []).map((l) => (
            <li key={l.ticketId} class="row">
              <span class="badge">{KIND_LABEL[l.kind]}</span>
              <a href={href(`/tickets/${l.ticketId}`)}>{l.number}</a>
              <span class="muted">{l.subject}</span>
              {canLink && <button class="button small ghost" type="button" onClick={() => unlink(l)}>Unlink<span class="visually-hidden"> {l.number}</span></button>}
            </li>
          ))}
        </ul>
      )}
      {canLink && (
        <form class="form-grid" onSubmit={link} aria-label="Link or merge">
          <label class="field"><span>Other ticket number</span><input required placeholder="TKT-2026-000123" value={number} onInput={(e) => setNumber((e.target as HTMLInputElement).value)} /></label>
          <label class="field"><span>It is this ticket's</span>
            <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as TicketLinkView['kind'])}>
              {Object.entries(KIND_LABEL).map(([value, label]) => <option key={value} value={value}>{label.toLowerCase()}</option>)}
            </select>
          </label>
          {error && <Notice tone="error">{error}</Notice>}
          <div class="row">
            <button class="button small" type="submit">Link</button>
            {canMerge && <button class="button small danger" type="button" disabled={!number.trim()} onClick={merge}>Merge into it</button>}
          </div>
        </form>
      )}
    </section>
  );
}
