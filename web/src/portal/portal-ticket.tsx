import { useState } from 'preact/hooks';
import { ApiError, describeError } from '../core/api';
import { href } from '../core/router';
import { formatDate } from '../core/time';
import { useApp } from '../core/app-context';
import { StatusBadge } from '../ui/badges';
import { EmptyState, Notice } from '../ui/notice';
import { Composer } from '../ticket/composer';
import { PresenceBar, usePresence } from '../ticket/presence';
import { Thread } from '../ticket/thread';
import { useTicket } from '../ticket/use-ticket';

/**
 * A customer's ticket: the public thread only (the API drops notes for them; the page never
 * asks for more), a reply box while it is open, and a rating once it is resolved or closed.
 * No staff id is ever rendered: staff appear by name or as "Support".
 */
export function PortalTicket({ ticketId }: { ticketId: string }) {
  const { ticket, error, live, reload } = useTicket(ticketId);
  const presence = usePresence(ticketId);
  if (error && !ticket) {
    return (
      <section class="page narrow">
        <p><a href={href('/portal')}>← My requests</a></p>
        {error.status === 404 ? <EmptyState title="Request not found" /> : <Notice tone="error">{error.text}</Notice>}
      </section>
    );
  }
  if (!ticket) return <section class="page narrow" aria-busy="true"><p class="muted">Loading…</p></section>;
  const finished = ticket.status === 'resolved' || ticket.status === 'closed';
  const open = ticket.status !== 'closed' && ticket.status !== 'cancelled';
  return (
    <section class="page narrow" aria-labelledby="ticket-title" data-live={live ? 'subscribed' : 'waiting'}>
      <p class="crumbs"><a href={href('/portal')}>← My requests</a></p>
      <header class="ticket-header">
        <p class="number">{ticket.number}</p>
        <h1 id="ticket-title">{ticket.subject}</h1>
        <div class="row wrap">
          <StatusBadge status={ticket.status} label={ticket.statusLabel} />
          <span class="muted">Opened {formatDate(ticket.createdAt)}</span>
        </div>
        <PresenceBar viewers={presence.viewers} typing={presence.typing.filter((t) => !t.internal)} audience="customer" />
      </header>
      <div class="description card">
        <h2 class="visually-hidden">Your request</h2>
        <p class="message-body">{ticket.description}</p>
        {ticket.resolution && <Notice tone="success">Resolution: {ticket.resolution.text}</Notice>}
      </div>
      <Thread ticketId={ticket.id} messages={ticket.messages.filter((m) => !m.internal)} audience="customer" />
      {finished && <Rating ticketId={ticket.id} rated={ticket.activities.some((a) => a.type === 'ticket.rated')} />}
      {open && <Composer ticketId={ticket.id} allowNotes={false} onSent={() => void reload()} />}
    </section>
  );
}

function Rating({ ticketId, rated }: { ticketId: string; rated: boolean }) {
  const { api } = useApp();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState(rated);
  const [error, setError] = useState<string>();
  if (done) return <Notice tone="success">Thank you for rating this request.</Notice>;
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api.post(`/v1/tickets/${ticketId}/rating`, { score, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setDone(true);
      else setError(describeError(err));
    }
  };
  return (
    <form class="card rating" onSubmit={submit} aria-labelledby="rating-title">
      <h2 class="card-title" id="rating-title">How did we do?</h2>
      <fieldset class="stars">
        <legend class="visually-hidden">Score from 1 to 5</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} class={n <= score ? 'on' : ''}>
            <input class="visually-hidden" type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)} />
            <span aria-hidden="true">★</span>
            <span class="visually-hidden">{n} {n === 1 ? 'star' : 'stars'}</span>
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span>Comment (optional)</span>
        <textarea rows={2} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
      </label>
      {error && <Notice tone="error">{error}</Notice>}
      <button class="button primary" type="submit" disabled={score === 0}>Send rating</button>
    </form>
  );
}
