import { useState } from 'preact/hooks';
import { useApp } from '../core/app-context';
import { href } from '../core/router';
import { formatDate } from '../core/time';
import { PriorityBadge, StatusBadge } from '../ui/badges';
import { EmptyState, Notice } from '../ui/notice';
import { ActivityTimeline } from '../ticket/activity-timeline';
import { Composer } from '../ticket/composer';
import { PresenceBar, usePresence } from '../ticket/presence';
import { Relations } from '../ticket/relations';
import { SidePanel } from '../ticket/side-panel';
import { Thread } from '../ticket/thread';
import { useTicket } from '../ticket/use-ticket';

/** An agent's view of one ticket: thread, composer, activity, and the side panel. */
export function TicketPage({ ticketId }: { ticketId: string }) {
  const { users } = useApp();
  const { ticket, error, live, reload, setTicket } = useTicket(ticketId);
  const presence = usePresence(ticketId);
  const [tab, setTab] = useState<'conversation' | 'activity'>('conversation');

  if (error && !ticket) {
    return (
      <section class="page">
        <p><a href={href('/tickets')}>← All tickets</a></p>
        {error.status === 404 ? <EmptyState title="Ticket not found">It does not exist or belongs to another organization.</EmptyState> : <Notice tone="error">{error.text}</Notice>}
      </section>
    );
  }
  if (!ticket) return <section class="page" aria-busy="true"><p class="muted">Loading ticket…</p></section>;

  return (
    <section class="page ticket-page" aria-labelledby="ticket-title" data-live={live ? 'subscribed' : 'waiting'}>
      <div class="ticket-main">
        <p class="crumbs"><a href={href('/tickets')}>← All tickets</a></p>
        <header class="ticket-header">
          <p class="number">{ticket.number}</p>
          <h1 id="ticket-title">{ticket.subject}</h1>
          <div class="row wrap">
            <StatusBadge status={ticket.status} label={ticket.statusLabel} />
            <PriorityBadge priority={ticket.priority} />
            {ticket.escalation.escalated && <span class="badge escalated">Escalated · tier {ticket.escalation.tier}</span>}
            <span class="muted">Opened {formatDate(ticket.createdAt)} by {ticket.requester.name ?? ticket.requester.email}</span>
          </div>
          <PresenceBar viewers={presence.viewers} typing={presence.typing} audience="staff" />
        </header>
        <div class="description card">
          <h2 class="visually-hidden">Description</h2>
          <p class="message-body">{ticket.description}</p>
          {ticket.resolution && <Notice tone="success">Resolved: {ticket.resolution.text}</Notice>}
        </div>
        <Relations ticket={ticket} onChanged={() => void reload()} />
        <div class="tabs" role="tablist" aria-label="Ticket sections">
          <button role="tab" id="tab-conversation" aria-controls="panel-conversation" aria-selected={tab === 'conversation'} tabIndex={tab === 'conversation' ? 0 : -1} onClick={() => setTab('conversation')} onKeyDown={(e) => e.key === 'ArrowRight' && setTab('activity')}>
            Conversation <span class="count">{ticket.messages.length}</span>
          </button>
          <button role="tab" id="tab-activity" aria-controls="panel-activity" aria-selected={tab === 'activity'} tabIndex={tab === 'activity' ? 0 : -1} onClick={() => setTab('activity')} onKeyDown={(e) => e.key === 'ArrowLeft' && setTab('conversation')}>
            Activity <span class="count">{ticket.activities.length}</span>
          </button>
        </div>
        {tab === 'conversation' ? (
          <div role="tabpanel" id="panel-conversation" aria-labelledby="tab-conversation">
            {ticket.messages.length === 0 ? <EmptyState title="No messages yet">Reply below.</EmptyState> : <Thread ticketId={ticket.id} messages={ticket.messages} audience="staff" />}
            <Composer ticketId={ticket.id} allowNotes onSent={() => void reload()} />
          </div>
        ) : (
          <div role="tabpanel" id="panel-activity" aria-labelledby="tab-activity">
            <ActivityTimeline activities={ticket.activities} users={users} />
          </div>
        )}
      </div>
      <SidePanel
        ticket={ticket}
        onSaved={(t) => {
          setTicket((current) => (current ? { ...current, ...t } : current));
          void reload();
        }}
        onConflict={reload}
      />
    </section>
  );
}
