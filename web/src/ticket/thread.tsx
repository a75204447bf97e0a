import { useState } from 'preact/hooks';
import { describeError } from '../core/api';
import { useApp } from '../core/app-context';
import { formatDate, timeAgo } from '../core/time';
import type { AttachmentView, MessageView } from '../core/types';
import { Avatar } from '../ui/badges';
import { canDownload, downloadAttachment, formatSize } from './attachments';

type Message = MessageView & { attachments?: AttachmentView[] };

/**
 * The conversation, oldest first. Internal notes look unlike replies (amber, a lock, "Internal
 * note") so nobody mistakes one for what the customer saw. `audience="customer"` never shows
 * an author id: staff appear by name or as the support team.
 */
export function Thread({ ticketId, messages, audience }: { ticketId: string; messages: Message[]; audience: 'staff' | 'customer' }) {
  const sorted = [...messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (
    <ol class="thread" aria-label="Conversation">
      {sorted.map((m) => <ThreadMessage key={m.id} ticketId={ticketId} message={m} audience={audience} />)}
    </ol>
  );
}

function ThreadMessage({ ticketId, message: m, audience }: { ticketId: string; message: Message; audience: 'staff' | 'customer' }) {
  const { api, caps, session } = useApp();
  const [error, setError] = useState<string>();
  const fromCustomer = m.author.role === 'customer';
  const mine = m.author.id === session.userId;
  const name = mine ? 'You' : m.author.name ?? (fromCustomer ? 'Customer' : m.author.role === 'system' ? 'Helpdesk' : 'Support team');
  const kind = m.internal ? 'note' : fromCustomer ? 'customer' : 'staff';
  const attachments = m.attachments ?? [];
  return (
    <li class={`message message-${kind}`} data-message-id={m.id} data-internal={m.internal ? 'true' : 'false'}>
      <header class="message-head">
        <Avatar name={name} />
        <span class="message-author">{name}</span>
        {audience === 'staff' && !m.internal && <span class="muted">{fromCustomer ? 'customer' : 'public reply'}</span>}
        {m.internal && <span class="badge note-badge"><span aria-hidden="true">🔒</span> Internal note</span>}
        {m.channel === 'email' && <span class="badge">via email</span>}
        <time class="muted" dateTime={m.createdAt} title={formatDate(m.createdAt)}>{timeAgo(m.createdAt)}</time>
      </header>
      <div class="message-body">{m.body}</div>
      {attachments.length > 0 && (
        <ul class="attachments" aria-label="Attachments">
          {attachments.map((a) => (
            <li key={a.id}>
              {canDownload(caps) ? (
                <button type="button" class="link" onClick={() => downloadAttachment(api, ticketId, a).catch((e) => setError(describeError(e)))}>
                  📎 {a.filename}
                </button>
              ) : (
                <span>📎 {a.filename}</span>
              )}
              <span class="muted"> {formatSize(a.size)}</span>
            </li>
          ))}
        </ul>
      )}
      {error && <p class="error-text" role="alert">{error}</p>}
    </li>
  );
}
