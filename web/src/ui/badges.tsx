import { PRIORITY_LABEL, STATUS_LABEL, type TicketView } from '../core/types';
import { slaDue } from '../core/sla';
import { formatDate, formatDuration, useNow } from '../core/time';

/** The status's colour; the text is the custom status (or customer label) when the API gives one. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return <span class={`badge status-${status}`}>{label ?? STATUS_LABEL[status] ?? status}</span>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  return (
    <span class={`badge priority-${priority}`}>
      <span class="dot" aria-hidden="true" />
      {PRIORITY_LABEL[priority] ?? priority}
    </span>
  );
}

/** Counts down to the nearest SLA target every second; red once breached. */
export function SlaBadge({ ticket }: { ticket: Pick<TicketView, 'sla' | 'status'> }) {
  const now = useNow();
  const due = slaDue(ticket, now, formatDuration);
  if (!due) return <span class="muted">—</span>;
  const title = due.dueAt ? `${due.label} due ${formatDate(due.dueAt)}` : due.label;
  return (
    <span class={`badge sla sla-${due.tone}`} title={title} data-sla={due.tone}>
      <span class="visually-hidden">{due.label}: </span>
      {due.text}
    </span>
  );
}

export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' }) {
  const initials = name.split(/[\s@.]+/).filter(Boolean).slice(0, 2).map((p) => p[0]!.toUpperCase()).join('');
  let hue = 0;
  for (const c of name) hue = (hue * 31 + c.charCodeAt(0)) % 360;
  return (
    <span class={`avatar avatar-${size}`} style={{ background: `hsl(${hue} 55% 30%)` }} aria-hidden="true">
      {initials || '?'}
    </span>
  );
}
