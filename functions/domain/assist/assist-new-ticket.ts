import type { TicketEvent } from '../../../schemas/events';
import type { AssistSettings, AssistSuggestion } from '../../../schemas/kb';
import type { TicketPriority } from '../../../schemas/ticket-enums';
import type { Role } from '../../../schemas/users';
import type { Caller } from '../caller';
import { isTerminalStatus } from '../status-groups';
import type { Deps } from '../store/store';
import { activityOf } from '../tickets/activities';
import { type TicketChanges, planTicketUpdate } from '../tickets/plan-ticket-update';
import type { Ticket } from '../tickets/ticket.entity';
import { saveTicketChange } from '../tickets/ticket-writes';
import { slaPolicyActivities, withSla } from '../tickets/ticket-sla';
import { assistSettingsOf } from './assist-settings';
import { type AssistPorts, liveCategories, suggestForText } from './suggest';

/** The assistant acts as the system, like routing: its changes are no one's click, and say so. */
export const assistantActor = (orgId: string): Caller => ({
  orgId, userId: 'system:assistant', email: 'assistant@helpdesk.invalid', name: 'Assistant', role: 'system' as Role,
});

const RANK: Record<TicketPriority, number> = { low: 0, medium: 1, high: 2, urgent: 3, critical: 4 };

/**
 * What auto-apply changes on a ticket: the suggested category when the ticket has none, and a
 * higher suggested priority (never a lower one), each only at or above the threshold. Pure.
 */
export function autoChanges(ticket: Pick<Ticket, 'category' | 'priority'>, suggestion: AssistSuggestion, settings: AssistSettings): TicketChanges {
  const changes: TicketChanges = {};
  if (!settings.autoApply) return changes;
  if (!ticket.category && suggestion.category && suggestion.category.confidence >= settings.threshold) changes.category = suggestion.category.id;
  if (suggestion.priority && suggestion.priority.confidence >= settings.threshold && RANK[suggestion.priority.value] > RANK[ticket.priority]) {
    changes.priority = suggestion.priority.value;
  }
  return changes;
}

/**
 * On `ticket.created`: stores the assistant's suggestion on the ticket as `assist` (staff see
 * it; it is no state change, so no version or activity) and, when the organization's settings
 * say so, applies category and priority above the threshold as an ordinary version-guarded
 * ticket change with its activity, by the assistant. A redelivered event stores the same
 * suggestion again and applies nothing twice (the plan is empty once applied).
 */
export async function assistNewTicket(
  deps: Deps, ports: AssistPorts, event: Pick<TicketEvent, 'type' | 'orgId' | 'ticketId'>,
): Promise<'stored' | 'applied' | 'skipped'> {
  if (event.type !== 'ticket.created') return 'skipped';
  const { orgId, ticketId } = event;
  const { data: created } = await deps.store.entities.ticket.get({ orgId, ticketId }).go();
  if (!created) return 'skipped';
  const settings = await assistSettingsOf(deps, orgId);
  const suggestion = await suggestForText(deps, ports, orgId, { subject: created.subject, description: created.description }, settings);
  try {
    await deps.store.entities.ticket.patch({ orgId, ticketId }).set({ assist: { ...suggestion, at: deps.now().toISOString() } }).go();
  } catch (error) {
    if (/conditional request failed|ConditionalCheckFailed/i.test(String((error as Error).message))) return 'skipped';
    throw error;
  }
  if (!settings.autoApply) return 'stored';
  const live = new Set((await liveCategories(deps, orgId)).map((c) => c.categoryId));
  const actor = assistantActor(orgId);
  for (let attempt = 0; attempt < 8; attempt++) {
    const { data: ticket } = await deps.store.entities.ticket.get({ orgId, ticketId }).go({ consistent: true });
    if (!ticket || isTerminalStatus(ticket.status)) return 'stored';
    const changes = autoChanges(ticket, suggestion, settings);
    if (changes.category && !live.has(changes.category)) delete changes.category;
    if (Object.keys(changes).length === 0) return 'stored';
    const plan = planTicketUpdate(ticket, changes, actor, deps.now());
    if (plan.events.length === 0) return 'stored';
    const next = await withSla(deps, ticket, plan.next);
    const confidence = { category: suggestion.category?.confidence ?? null, priority: suggestion.priority?.confidence ?? null };
    const activities = [
      ...plan.events.map((e) => activityOf(next, e.type, actor, deps.newId(), {
        ...e, data: { ...e.data, assistant: { provider: suggestion.provider ?? 'offline', threshold: settings.threshold, confidence } },
      })),
      ...slaPolicyActivities(deps, ticket, next, actor),
    ];
    const saved = await saveTicketChange(deps, ticket, next, activities);
    if (saved.ok) return 'applied';
  }
  return 'stored';
}
