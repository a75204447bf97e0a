import {
  type Action, type AutomationInput, type AutomationPatch, type AutomationView, type Conditions, MAX_AUTOMATIONS,
} from '../../../schemas/automations';
import type { EventType } from '../../../schemas/events';
import { isStaffRole } from '../../../schemas/roles';
import type { Caller } from '../caller';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import type { AutomationRule } from './automation.entity';
import { idleThresholdsOf } from './evaluate-conditions';

export interface Rule {
  ruleId: string;
  name: string;
  enabled: boolean;
  on: EventType[];
  conditions: Conditions;
  actions: Action[];
}

export const ruleOf = (item: AutomationRule): Rule => ({
  ruleId: item.ruleId, name: item.name, enabled: item.enabled, on: item.on as EventType[],
  conditions: item.conditions as Conditions, actions: item.actions as Action[],
});

export const toAutomationView = (item: AutomationRule): AutomationView => ({
  id: item.ruleId, name: item.name, enabled: item.enabled, on: item.on as EventType[], conditions: item.conditions as Conditions,
  actions: item.actions as Action[], version: item.version, createdAt: item.createdAt, updatedAt: item.updatedAt,
});

function assertAdmin(caller: Caller) {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins manage automation rules');
}

/** The organization's rules: one Query of at most MAX_AUTOMATIONS items. */
export async function rulesOf(deps: Deps, orgId: string): Promise<AutomationRule[]> {
  const { data } = await deps.store.entities.automationRule.query.byOrg({ orgId }).go({ pages: 'all' });
  return data;
}

/**
 * The `hoursSinceUpdate` thresholds of the organization's enabled rules, for the ticket timer
 * planner: a ticket gets one timer, at the next of these after its last update.
 */
export async function idleHoursOf(deps: Deps, orgId: string): Promise<number[]> {
  const rules = await rulesOf(deps, orgId);
  return [...new Set(rules.filter((r) => r.enabled).flatMap((r) => idleThresholdsOf(r.conditions as Conditions)))];
}

/**
 * Every id an action names must exist in the organization: departments, agents, canned
 * replies, webhooks. @throws RuleViolationError pointing at the action.
 */
async function assertReferences(deps: Deps, orgId: string, actions: readonly Action[]) {
  await Promise.all(actions.map(async (action, i) => {
    const at = (field: string) => `#/actions/${i}/${field}`;
    if (action.type === 'assign' && action.departmentId) {
      const { data } = await deps.store.entities.department.get({ orgId, departmentId: action.departmentId }).go();
      if (!data) throw new RuleViolationError(`department ${action.departmentId} does not exist`, at('departmentId'));
    }
    if (action.type === 'assign' && action.assigneeId) {
      const { data } = await deps.store.entities.user.get({ orgId, userId: action.assigneeId }).go();
      if (!data || !data.active || !isStaffRole(data.role)) throw new RuleViolationError(`${action.assigneeId} is not an active agent`, at('assigneeId'));
    }
    if (action.type === 'send_canned_reply') {
      const { data } = await deps.store.entities.cannedReply.get({ orgId, cannedReplyId: action.cannedReplyId }).go();
      if (!data || !data.shared) throw new RuleViolationError(`canned reply ${action.cannedReplyId} does not exist or is not shared`, at('cannedReplyId'));
    }
    if (action.type === 'webhook') {
      const { data } = await deps.store.entities.webhookEndpoint.get({ orgId, webhookId: action.webhookId }).go();
      if (!data) throw new RuleViolationError(`webhook ${action.webhookId} does not exist`, at('webhookId'));
    }
  }));
}

/** @throws ForbiddenError, RuleViolationError (a reference, or MAX_AUTOMATIONS reached) */
export async function createAutomation(deps: Deps, caller: Caller, input: AutomationInput): Promise<AutomationRule> {
  assertAdmin(caller);
  await assertReferences(deps, caller.orgId, input.actions);
  const existing = await rulesOf(deps, caller.orgId);
  if (existing.length >= MAX_AUTOMATIONS) throw new RuleViolationError(`an organization keeps at most ${MAX_AUTOMATIONS} automation rules`);
  const at = deps.now().toISOString();
  const item: AutomationRule = {
    orgId: caller.orgId, ruleId: deps.newId(), name: input.name, enabled: input.enabled, on: input.on, conditions: input.conditions,
    actions: input.actions, version: 1, createdBy: caller.userId, createdAt: at, updatedAt: at,
  };
  await deps.store.entities.automationRule.create(item).go();
  return item;
}

/** @throws ForbiddenError, NotFoundError */
export async function getAutomation(deps: Deps, caller: Caller, ruleId: string): Promise<AutomationRule> {
  assertAdmin(caller);
  const { data } = await deps.store.entities.automationRule.get({ orgId: caller.orgId, ruleId }).go({ consistent: true });
  if (!data) throw new NotFoundError('automation', ruleId);
  return data;
}

export async function listAutomations(deps: Deps, caller: Caller): Promise<AutomationRule[]> {
  assertAdmin(caller);
  return (await rulesOf(deps, caller.orgId)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** @throws ForbiddenError, NotFoundError, RuleViolationError */
export async function updateAutomation(deps: Deps, caller: Caller, ruleId: string, patch: AutomationPatch): Promise<AutomationRule> {
  const current = await getAutomation(deps, caller, ruleId);
  if (patch.actions) await assertReferences(deps, caller.orgId, patch.actions);
  const next = { ...current, ...patch, version: current.version + 1, updatedAt: deps.now().toISOString() };
  if (next.on.length === 0 && idleThresholdsOf(next.conditions as Conditions).length === 0
    && ![...((next.conditions as Conditions).all ?? []), ...((next.conditions as Conditions).any ?? [])].some((c) => c.field === 'hoursSinceUpdate')) {
    throw new RuleViolationError('name the events in `on`, or give a `hoursSinceUpdate` condition', '#/on');
  }
  const { ruleId: _id, orgId: _org, createdAt: _c, createdBy: _b, ...set } = next;
  await deps.store.entities.automationRule
    .patch({ orgId: caller.orgId, ruleId })
    .set(set)
    .where(({ version }, { eq }) => eq(version, current.version))
    .go();
  return next;
}

/** @throws ForbiddenError, NotFoundError */
export async function deleteAutomation(deps: Deps, caller: Caller, ruleId: string): Promise<void> {
  await getAutomation(deps, caller, ruleId);
  await deps.store.entities.automationRule.delete({ orgId: caller.orgId, ruleId }).go();
}
