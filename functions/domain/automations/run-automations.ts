import type { Action } from '../../../schemas/automations';
import type { EventType, TicketEvent } from '../../../schemas/events';
import type { Role } from '../../../schemas/users';
import type { Caller } from '../caller';
import { renderTemplate } from '../catalog/render-canned-reply';
import { DomainError } from '../errors';
import { outboxJobOf } from '../outbox/outbox-jobs';
import { isTerminalStatus } from '../status-groups';
import type { Deps } from '../store/store';
import { routeTicket } from '../team/route-ticket';
import { activityOf, snapshotOf } from '../tickets/activities';
import { messageEventData } from '../tickets/message-event';
import type { Message } from '../tickets/message.entity';
import { type TicketChanges, planTicketUpdate } from '../tickets/plan-ticket-update';
import { slaPolicyActivities, withSla } from '../tickets/ticket-sla';
import { type AlsoItems, saveTicketChange } from '../tickets/ticket-writes';
import type { Ticket } from '../tickets/ticket.entity';
import { deliveryIdOf } from '../webhooks/delivery-id';
import type { DeliveryMessage } from '../webhooks/delivery-message';
import { DELIVERY_RETENTION_SECONDS } from '../webhooks/webhook.entities';
import { type Rule, ruleOf, rulesOf } from './automation-rules';
import { evaluateConditions, isTimeBased } from './evaluate-conditions';

/**
 * What runs the rules: a ticket event, or the ticket's automation timer (`time`). `chain` is the
 * causation chain: the ids of the rules whose changes led to this event (the loop guard).
 */
export interface Trigger {
  id: string;
  type: EventType | 'time';
  chain: readonly string[];
  event?: TicketEvent;
}

export type RuleOutcome =
  | { ruleId: string; outcome: 'applied'; actions: number; failed: { action: number; reason: string }[] }
  | { ruleId: string; outcome: 'not-matched' | 'duplicate' | 'ticket-gone' | 'in-chain' };

/** Longest causation chain followed: rules acting on rules' changes stop here whatever their ids. */
export const MAX_CHAIN = 10;
const MARKER_TTL_SECONDS = 7 * 86_400;
const ATTEMPTS = 6;

/** A rule acts as itself: its changes are ordinary ticket changes whose actor is the rule. */
export const automationActor = (orgId: string, rule: Pick<Rule, 'ruleId' | 'name'>): Caller => ({
  orgId, userId: `automation:${rule.ruleId}`, email: 'automation@helpdesk.invalid', name: rule.name, role: 'automation' as Role,
});

/** The causation chain an event carries (empty for changes no rule made). Pure. */
export function chainOf(event: Pick<TicketEvent, 'data'>): string[] {
  const chain = (event.data as { automation?: { chain?: unknown } } | undefined)?.automation?.chain;
  return Array.isArray(chain) ? chain.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * Runs the organization's enabled rules that the trigger names (its event type in `on`, or
 * any time-based rule for the timer), in creation order, each on the ticket as it is then.
 * A rule already in the trigger's causation chain is skipped: no rule fires twice on a chain
 * of changes it caused. Each rule applies once per trigger: its writes carry a marker keyed
 * by (rule, step, trigger id), so a redelivered event changes nothing.
 */
export async function runAutomations(deps: Deps, orgId: string, ticketId: string, trigger: Trigger): Promise<RuleOutcome[]> {
  if (trigger.chain.length >= MAX_CHAIN) return [];
  const rules = (await rulesOf(deps, orgId))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map(ruleOf)
    .filter((rule) => rule.enabled && (trigger.type === 'time' ? isTimeBased(rule.conditions) : rule.on.includes(trigger.type)));
  const outcomes: RuleOutcome[] = [];
  for (const rule of rules) {
    if (trigger.chain.includes(rule.ruleId)) {
      outcomes.push({ ruleId: rule.ruleId, outcome: 'in-chain' });
      continue;
    }
    outcomes.push(await runRule(deps, orgId, ticketId, rule, trigger));
  }
  return outcomes;
}

/** The ticket changes of a rule's field actions (set, tags, assign) on `ticket`. Pure. */
export function changesOf(actions: readonly Action[], ticket: Ticket, ruleName: string): TicketChanges {
  const changes: TicketChanges = {};
  let tags = [...ticket.tags];
  let customFields = { ...(ticket.customFields as Record<string, unknown>) };
  let tagsTouched = false;
  let fieldsTouched = false;
  for (const action of actions) {
    if (action.type === 'set') {
      if (action.field.startsWith('customFields.')) {
        customFields = { ...customFields, [action.field.slice('customFields.'.length)]: action.value };
        fieldsTouched = true;
      } else if (action.field === 'status') {
        changes.status = action.value as TicketChanges['status'];
        if (action.value === 'resolved') changes.resolution = `Resolved by the automation rule "${ruleName}"`;
      } else {
        (changes as Record<string, unknown>)[action.field] = action.value;
      }
    }
    if (action.type === 'add_tags') { tags = [...tags, ...action.tags.filter((t) => !tags.includes(t))]; tagsTouched = true; }
    if (action.type === 'remove_tags') { tags = tags.filter((t) => !action.tags.includes(t)); tagsTouched = true; }
    if (action.type === 'assign' && action.assigneeId) changes.assigneeId = action.assigneeId;
    if (action.type === 'assign' && action.departmentId) {
      changes.departmentId = action.departmentId;
      changes.assigneeId = null;
    }
  }
  if (tagsTouched) changes.tags = tags;
  if (fieldsTouched) changes.customFields = customFields;
  if (changes.status === ticket.status) delete changes.status;
  return changes;
}

async function runRule(deps: Deps, orgId: string, ticketId: string, rule: Rule, trigger: Trigger): Promise<RuleOutcome> {
  const { data: first } = await deps.store.entities.ticket.get({ orgId, ticketId }).go({ consistent: true });
  if (!first) return { ruleId: rule.ruleId, outcome: 'ticket-gone' };
  if (!evaluateConditions(rule.conditions, first, deps.now()).matched) return { ruleId: rule.ruleId, outcome: 'not-matched' };

  const actor = automationActor(orgId, rule);
  const data = { automation: { ruleId: rule.ruleId, name: rule.name, trigger: trigger.type, chain: [...trigger.chain, rule.ruleId] } };
  const ttl = Math.floor(deps.now().getTime() / 1000) + MARKER_TTL_SECONDS;
  const marker = (step: number): AlsoItems => (tx) => [
    tx.eventMarker.create({ orgId, consumer: `automation:${rule.ruleId}:${step}`, eventId: trigger.id, ttl }).commit(),
  ];
  const failed: { action: number; reason: string }[] = [];

  // Step 0: the field actions as one ticket change, with the webhook deliveries it asks for.
  const step0 = await applyFieldActions(deps, ticketId, rule, trigger, actor, data, marker(0), failed);
  if (step0 === 'duplicate') return { ruleId: rule.ruleId, outcome: 'duplicate' };
  const toDepartment = rule.actions.find((a): a is Extract<Action, { type: 'assign' }> => a.type === 'assign' && Boolean(a.departmentId));
  if (toDepartment && step0 === 'changed') {
    await routeTicket(deps, orgId, ticketId, { target: { departmentId: toDepartment.departmentId! } });
  }

  // Steps 1..n: each note or canned reply is a message of its own.
  for (const [index, action] of rule.actions.entries()) {
    if (action.type !== 'add_note' && action.type !== 'send_canned_reply') continue;
    const reason = await addRuleMessage(deps, orgId, ticketId, rule, action, actor, data, marker(index + 1));
    if (reason) failed.push({ action: index, reason });
  }
  return { ruleId: rule.ruleId, outcome: 'applied', actions: rule.actions.length, failed };
}

type Data = Record<string, unknown>;

async function applyFieldActions(
  deps: Deps, ticketId: string, rule: Rule, trigger: Trigger, actor: Caller, data: Data, marker: AlsoItems, failed: { action: number; reason: string }[],
): Promise<'changed' | 'unchanged' | 'duplicate'> {
  const { orgId } = actor;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { data: ticket } = await deps.store.entities.ticket.get({ orgId, ticketId }).go({ consistent: true });
    if (!ticket) return 'unchanged';
    const webhooks = await webhookItems(deps, rule, trigger, ticket);
    let plan: ReturnType<typeof planTicketUpdate> | undefined;
    try {
      plan = planTicketUpdate(ticket, changesOf(rule.actions, ticket, rule.name), actor, deps.now());
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      failed.push({ action: rule.actions.findIndex((a) => a.type === 'set' || a.type === 'assign' || a.type.endsWith('_tags')), reason: error.message });
    }
    const also: AlsoItems = (tx) => [...marker(tx), ...webhooks(tx)];
    if (plan && plan.events.length > 0) {
      const next = await withSla(deps, ticket, plan.next);
      const activities = [
        ...plan.events.map((e) => activityOf(next, e.type, actor, deps.newId(), { ...e, data: { ...e.data, ...data } })),
        ...slaPolicyActivities(deps, ticket, next, actor),
      ];
      const saved = await saveTicketChange(deps, ticket, next, activities, { assigneeToCheck: plan.assigneeToCheck, also });
      if (saved.ok) return 'changed';
      if (saved.reason === 'also-failed' && saved.index === 0) return 'duplicate';
      if (saved.reason === 'assignee-invalid') {
        failed.push({ action: rule.actions.findIndex((a) => a.type === 'assign'), reason: `${plan.assigneeToCheck} is not an active agent` });
        rule = { ...rule, actions: rule.actions.filter((a) => !(a.type === 'assign' && a.assigneeId)) };
      }
      continue;
    }
    const { canceled, data: reasons } = await deps.store.transaction.write((tx) => also(tx) as never[]).go();
    if (!canceled) return 'unchanged';
    if ((reasons as { code?: string }[])[0]?.code === 'ConditionalCheckFailed') return 'duplicate';
  }
  throw new Error(`automation ${rule.ruleId} on ticket stayed contended`);
}

/**
 * The webhook actions as items of the rule's transaction: a delivery (id stable per trigger,
 * rule and endpoint) and its dispatch job in the outbox, the way a replay sends one.
 */
async function webhookItems(deps: Deps, rule: Rule, trigger: Trigger, ticket: Ticket): Promise<AlsoItems> {
  const actions = rule.actions.filter((a): a is Extract<Action, { type: 'webhook' }> => a.type === 'webhook');
  if (actions.length === 0) return () => [];
  const now = deps.now();
  const at = now.toISOString();
  const items: { delivery: Record<string, unknown>; message: DeliveryMessage }[] = [];
  for (const action of actions) {
    const { data: endpoint } = await deps.store.entities.webhookEndpoint.get({ orgId: ticket.orgId, webhookId: action.webhookId }).go();
    if (!endpoint?.enabled) continue;
    const eventId = `${trigger.id}-${rule.ruleId}`;
    const deliveryId = deliveryIdOf(eventId, endpoint.webhookId, now);
    const key = { orgId: ticket.orgId, webhookId: endpoint.webhookId, deliveryId };
    const payload = JSON.stringify({
      type: 'ticket.automation',
      timestamp: at,
      data: { rule: { id: rule.ruleId, name: rule.name }, trigger: trigger.type, event: trigger.event ?? null, ticketId: ticket.ticketId, ticket: snapshotOf(ticket) },
    });
    items.push({
      delivery: {
        ...key, eventId, eventType: 'ticket.automation', ticketId: ticket.ticketId, payload, status: 'pending', attemptCount: 0,
        runStartedAt: at, createdAt: at, updatedAt: at, ttl: Math.floor(now.getTime() / 1000) + DELIVERY_RETENTION_SECONDS,
      },
      message: { ...key, seq: 0, retry: 0, notBefore: at },
    });
  }
  return (tx) => items.flatMap(({ delivery, message }) => [
    tx.webhookDelivery.create(delivery as never).commit(),
    tx.outboxJob.create(outboxJobOf(deps, ticket.orgId, 'job.webhook.delivery', message)).commit(),
  ]);
}

/** A rule's note (internal) or canned reply (public, mailed like an agent's reply); its reason when it could not be written. */
async function addRuleMessage(
  deps: Deps, orgId: string, ticketId: string, rule: Rule, action: Extract<Action, { type: 'add_note' | 'send_canned_reply' }>,
  actor: Caller, data: Data, marker: AlsoItems,
): Promise<string | undefined> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { data: ticket } = await deps.store.entities.ticket.get({ orgId, ticketId }).go({ consistent: true });
    if (!ticket) return 'ticket gone';
    const internal = action.type === 'add_note';
    if (!internal && isTerminalStatus(ticket.status)) return `the ticket is ${ticket.status}: no reply is sent`;
    const body = internal ? action.body : await cannedBody(deps, ticket, action.cannedReplyId, rule.name);
    if (body === undefined) return `canned reply ${(action as { cannedReplyId: string }).cannedReplyId} is gone`;
    const at = deps.now().toISOString();
    const message: Message = {
      orgId, ticketId, messageId: deps.newId(), body, internal, authorId: actor.userId, authorRole: actor.role, authorName: actor.name,
      channel: 'automation', createdAt: at,
    };
    const next: Ticket = {
      ...ticket, version: ticket.version + 1, updatedAt: at,
      ...(internal ? { noteCount: ticket.noteCount + 1 } : { messageCount: ticket.messageCount + 1, lastMessageAt: at }),
    };
    const type = internal ? 'ticket.note.added' : 'ticket.message.added';
    const activity = activityOf(next, type, actor, deps.newId(), { data: { ...messageEventData(message), ...data } });
    const saved = await saveTicketChange(deps, ticket, next, [activity], { message, also: marker });
    if (saved.ok) return undefined;
    if (saved.reason === 'also-failed') return undefined; // written before: a redelivery
  }
  throw new Error(`automation ${rule.ruleId} on ticket ${ticketId} stayed contended`);
}

async function cannedBody(deps: Deps, ticket: Ticket, cannedReplyId: string, ruleName: string): Promise<string | undefined> {
  const [{ data: reply }, { data: org }] = await Promise.all([
    deps.store.entities.cannedReply.get({ orgId: ticket.orgId, cannedReplyId }).go(),
    deps.store.entities.organization.get({ orgId: ticket.orgId }).go(),
  ]);
  if (!reply) return undefined;
  // Names the renderer does not know render empty (the reply was checked when written).
  return renderTemplate(reply.body, {
    'ticket.number': ticket.number,
    'ticket.subject': ticket.subject,
    'requester.name': ticket.requesterName ?? ticket.requesterEmail,
    'agent.name': ruleName,
    'organization.name': org?.name ?? '',
  });
}

/**
 * A ticket's automation timer fired: when the ticket is still at the version the timer was
 * planned for (no change since), the time-based rules run on it. A timer of an older version
 * does nothing: the change that moved the version planned a new one.
 */
export async function runTimedAutomations(
  deps: Deps, payload: { orgId: string; ticketId: string; version: number; dueAt: string },
): Promise<RuleOutcome[] | 'stale'> {
  const { data: ticket } = await deps.store.entities.ticket.get({ orgId: payload.orgId, ticketId: payload.ticketId }).go({ consistent: true });
  if (!ticket || ticket.version !== payload.version) return 'stale';
  return runAutomations(deps, payload.orgId, payload.ticketId, { id: `time-v${payload.version}-${payload.dueAt}`, type: 'time', chain: [] });
}
