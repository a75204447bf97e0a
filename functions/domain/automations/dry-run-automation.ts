import type { Action, AutomationTestResult } from '../../../schemas/automations';
import type { Caller } from '../caller';
import { DomainError } from '../errors';
import type { Deps } from '../store/store';
import { diff } from '../tickets/activities';
import { loadTicket } from '../tickets/load-ticket';
import { planTicketUpdate } from '../tickets/plan-ticket-update';
import { getAutomation, ruleOf } from './automation-rules';
import { evaluateConditions } from './evaluate-conditions';
import { automationActor, changesOf } from './run-automations';

const FIELDS = ['subject', 'status', 'priority', 'category', 'type', 'tags', 'customFields', 'assigneeId', 'departmentId'] as const;

/**
 * A dry run of a rule on a ticket as it is now: which conditions hold and what each action
 * would do. Reads only; nothing is written and no event is sent.
 * @throws ForbiddenError, NotFoundError (rule or ticket)
 */
export async function dryRunAutomation(deps: Deps, caller: Caller, ruleId: string, ticketId: string): Promise<AutomationTestResult> {
  const rule = ruleOf(await getAutomation(deps, caller, ruleId));
  const ticket = await loadTicket(deps, caller, ticketId);
  const now = deps.now();
  const { matched, results } = evaluateConditions(rule.conditions, ticket, now);
  const actor = automationActor(caller.orgId, rule);
  const actions = await Promise.all(rule.actions.map(async (action) => {
    if (action.type === 'add_note') return { type: action.type, description: `adds an internal note: ${action.body.slice(0, 200)}` };
    if (action.type === 'send_canned_reply') {
      const { data } = await deps.store.entities.cannedReply.get({ orgId: caller.orgId, cannedReplyId: action.cannedReplyId }).go();
      return { type: action.type, description: data ? `replies to the requester with the canned reply "${data.title}"` : `canned reply ${action.cannedReplyId} is gone: nothing is sent` };
    }
    if (action.type === 'webhook') {
      const { data } = await deps.store.entities.webhookEndpoint.get({ orgId: caller.orgId, webhookId: action.webhookId }).go();
      return { type: action.type, description: data?.enabled ? `posts a ticket.automation delivery to ${data.url}` : `webhook ${action.webhookId} is gone or disabled: nothing is posted` };
    }
    return { type: action.type, ...fieldEffect(action, ticket, rule.name, actor, now) };
  }));
  return { matched, conditions: results, actions };
}

function fieldEffect(action: Action, ticket: Parameters<typeof planTicketUpdate>[0], ruleName: string, actor: ReturnType<typeof automationActor>, now: Date) {
  try {
    const plan = planTicketUpdate(ticket, changesOf([action], ticket, ruleName), actor, now);
    const changes = diff(ticket, plan.next, FIELDS);
    const names = Object.keys(changes);
    const routed = action.type === 'assign' && action.departmentId ? '; routing then picks an agent of the department' : '';
    return { description: names.length ? `changes ${names.join(', ')}${routed}` : 'changes nothing (already so)', changes };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { description: `would fail: ${error.message}` };
  }
}
