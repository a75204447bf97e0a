import { formatDate, timeAgo } from '../core/time';
import { PRIORITY_LABEL, STATUS_LABEL, type ActivityView, type UserView } from '../core/types';
import { userName } from '../core/app-context';

const text = (v: unknown) => (v === null || v === undefined || v === '' ? 'none' : Array.isArray(v) ? v.join(', ') || 'none' : String(v));

/** One line per activity, in words. */
export function describeActivity(a: ActivityView, users: UserView[]): string {
  const c = a.changes ?? {};
  const data = (a.data ?? {}) as Record<string, unknown>;
  switch (a.type) {
    case 'ticket.created': return 'opened the ticket';
    case 'ticket.status.changed': {
      const to = c.status?.to as string | undefined;
      return `changed status ${STATUS_LABEL[c.status?.from as string] ?? text(c.status?.from)} → ${STATUS_LABEL[to ?? ''] ?? text(to)}`;
    }
    case 'ticket.assigned': return c.assigneeId?.to ? `assigned it to ${userName(users, c.assigneeId.to as string)}` : 'unassigned it';
    case 'ticket.escalated': return `escalated to tier ${text(c.escalationTier?.to ?? data.tier)}${data.reason ? `: ${data.reason}` : ''}`;
    case 'ticket.message.added': return 'replied';
    case 'ticket.note.added': return 'added an internal note';
    case 'ticket.sla.warning': return `SLA warning: ${text(data.target)} due ${data.dueAt ? formatDate(String(data.dueAt)) : ''}`;
    case 'ticket.sla.breached': return `SLA breached: ${text(data.target)}`;
    case 'ticket.closed': return 'closed the ticket';
    case 'ticket.rated': return `rated it ${text(data.score)}/5`;
    case 'ticket.survey.sent': return 'sent the satisfaction survey';
    case 'ticket.updated': {
      const parts = Object.entries(c).map(([field, change]) => field === 'priority'
        ? `priority ${PRIORITY_LABEL[change.from as string] ?? text(change.from)} → ${PRIORITY_LABEL[change.to as string] ?? text(change.to)}`
        : `${field} ${text(change.from)} → ${text(change.to)}`);
      return parts.length ? `changed ${parts.join(', ')}` : 'updated the ticket';
    }
    default: return a.type.replace(/^ticket\./, '').replace(/[._]/g, ' ');
  }
}

export function ActivityTimeline({ activities, users }: { activities: ActivityView[]; users: UserView[] }) {
  const sorted = [...activities].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <ol class="timeline" aria-label="Activity">
      {sorted.map((a) => (
        <li key={a.id} class={`timeline-item type-${a.type.replace(/\./g, '-')}`}>
          <span class="timeline-dot" aria-hidden="true" />
          <span><strong>{a.actor.name ?? (a.actor.role === 'system' ? 'Helpdesk' : a.actor.role)}</strong> {describeActivity(a, users)}</span>
          <time class="muted" dateTime={a.createdAt} title={formatDate(a.createdAt)}>{timeAgo(a.createdAt)}</time>
        </li>
      ))}
    </ol>
  );
}
