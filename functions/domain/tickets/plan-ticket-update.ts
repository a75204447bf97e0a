import type { EventType } from '../../../schemas/events';
import type { TicketPriority, TicketStatus, TicketType } from '../../../schemas/tickets';
import { type Caller, isSupervisor } from '../caller';
import { IllegalTransitionError, RuleViolationError } from '../errors';
import { isDoneStatus, isTerminalStatus } from '../status-groups';
import { type Changes, diff } from './activities';
import type { Ticket } from './ticket.entity';
import { checkTransition } from './transitions';

export interface TicketChanges {
  subject?: string;
  description?: string;
  priority?: TicketPriority;
  category?: string | null;
  tags?: string[];
  customFields?: Record<string, unknown>;
  type?: TicketType | null;
  departmentId?: string | null;
  status?: TicketStatus;
  resolution?: string;
  assigneeId?: string | null;
  /** A custom status (null clears it); `customStatusCategory` is its category, read by the caller. */
  customStatusId?: string | null;
  customStatusCategory?: TicketStatus;
}

export interface PlannedEvent {
  type: EventType;
  changes?: Changes;
  data?: Record<string, unknown>;
}

export interface TicketPlan {
  next: Ticket;
  events: PlannedEvent[];
  /** A new assignee whose membership the write must check in the same transaction. */
  assigneeToCheck?: string;
}

const FIELDS = ['subject', 'description', 'priority', 'category', 'tags', 'customFields', 'type', 'departmentId'] as const;
const MAX_TAGS = 20;

/**
 * The next state of a ticket and the events that record it, for a staff change.
 * Pure: the caller writes it. An empty `events` means nothing changes.
 * @throws IllegalTransitionError when the status machine forbids the move (with `allowed`).
 * @throws RuleViolationError when resolving without a resolution text.
 */
export function planTicketUpdate(current: Ticket, changes: TicketChanges, actor: Caller, now: Date): TicketPlan {
  const at = now.toISOString();
  const next: Ticket = { ...current };
  const events: PlannedEvent[] = [];

  if (changes.subject !== undefined) next.subject = changes.subject;
  if (changes.description !== undefined) next.description = changes.description;
  if (changes.priority !== undefined) next.priority = changes.priority;
  if (changes.category !== undefined) next.category = changes.category ?? undefined;
  if (changes.tags !== undefined) next.tags = [...new Set(changes.tags)];
  if (next.tags.length > MAX_TAGS) throw new RuleViolationError(`a ticket carries at most ${MAX_TAGS} tags`, '#/tags');
  if (changes.customFields !== undefined) next.customFields = changes.customFields;
  if (changes.type !== undefined) next.type = changes.type ?? undefined;
  if (changes.departmentId !== undefined) next.departmentId = changes.departmentId ?? undefined;
  const fieldChanges = diff(current, next, FIELDS);
  if (Object.keys(fieldChanges).length > 0) events.push({ type: 'ticket.updated', changes: fieldChanges });

  let status = changes.status;
  if (changes.customStatusId) {
    const category = changes.customStatusCategory!;
    if (status !== undefined && status !== category) {
      throw new RuleViolationError(`the custom status is in category ${category}; send no status or that one`, '#/status');
    }
    status = category;
  }
  const custom = changes.customStatusId === undefined ? undefined
    : (changes.customStatusId ?? undefined) !== current.customStatusId ? { from: current.customStatusId ?? null, to: changes.customStatusId } : undefined;
  if (changes.customStatusId !== undefined) next.customStatusId = changes.customStatusId ?? undefined;
  if (status !== undefined && status !== current.status) {
    const statusEvents = applyStatus(current, next, status, changes.resolution, actor, now);
    // The custom status is part of the same move: one event says both.
    if (custom) statusEvents[0].changes = { ...statusEvents[0].changes, customStatusId: custom };
    events.push(...statusEvents);
  } else if (custom) {
    events.push({ type: 'ticket.updated', changes: { customStatusId: custom } });
  }
  const statusMoves = status !== undefined && status !== current.status;
  if (!statusMoves && changes.resolution !== undefined && current.status === 'resolved' && changes.resolution !== current.resolutionText) {
    next.resolutionText = changes.resolution;
    events.push({ type: 'ticket.updated', changes: { resolution: { from: current.resolutionText ?? null, to: changes.resolution } } });
  }

  let assigneeToCheck: string | undefined;
  if (changes.assigneeId !== undefined && (changes.assigneeId ?? undefined) !== current.assigneeId) {
    next.assigneeId = changes.assigneeId ?? undefined;
    next.assigneeKey = changes.assigneeId ?? 'unassigned';
    assigneeToCheck = changes.assigneeId ?? undefined;
    events.push({ type: 'ticket.assigned', changes: { assigneeId: { from: current.assigneeId ?? null, to: changes.assigneeId } } });
  }

  if (events.length > 0) {
    next.version = current.version + 1;
    next.updatedAt = at;
  }
  return { next, events, assigneeToCheck };
}

function applyStatus(
  current: Ticket,
  next: Ticket,
  to: TicketStatus,
  resolution: string | undefined,
  actor: Caller,
  now: Date,
): PlannedEvent[] {
  const verdict = checkTransition(current.status, to, { supervisor: isSupervisor(actor), closedAt: current.closedAt, now });
  if (!verdict.ok) throw new IllegalTransitionError(current.status, to, verdict.allowed, verdict.why);
  const at = now.toISOString();
  next.status = to;
  const data: Record<string, unknown> = {};
  if (to === 'resolved') {
    if (!resolution) throw new RuleViolationError('resolving a ticket needs a resolution text', '#/resolution');
    next.resolutionText = resolution;
    next.resolvedById = actor.userId;
    next.resolvedAt = at;
    data.resolution = resolution;
  }
  if (to === 'closed' || to === 'cancelled') next.closedAt = at;
  const reopened = isDoneStatus(current.status) && !isTerminalStatus(to);
  if (reopened) {
    next.resolutionText = undefined;
    next.resolvedById = undefined;
    next.resolvedAt = undefined;
    next.closedAt = undefined;
    data.reopened = true;
  }
  const events: PlannedEvent[] = [{ type: 'ticket.status.changed', changes: { status: { from: current.status, to } }, data }];
  if (to === 'closed') events.push({ type: 'ticket.closed', data: { from: current.status } });
  return events;
}
