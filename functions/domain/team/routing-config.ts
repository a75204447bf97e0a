import type { RoutingConfig } from '../../../schemas/team';
import type { Caller } from '../caller';
import { ForbiddenError } from '../errors';
import type { Deps } from '../store/store';
import { assertStaff } from '../tickets/access';
import { assertDepartmentsExist } from './manage-departments';

const EMPTY: RoutingConfig = { rules: [] };

/** The organization's routing rules (empty when never set): one GetItem. */
export async function routingConfigOf(deps: Deps, orgId: string): Promise<RoutingConfig & { updatedAt?: string }> {
  const { data } = await deps.store.entities.routingConfig.get({ orgId }).go();
  if (!data) return EMPTY;
  return { rules: data.rules as RoutingConfig['rules'], ...(data.fallback ? { fallback: data.fallback as RoutingConfig['fallback'] } : {}), updatedAt: data.updatedAt };
}

export async function getRoutingConfig(deps: Deps, caller: Caller) {
  assertStaff(caller, 'read routing');
  return routingConfigOf(deps, caller.orgId);
}

/**
 * Replaces the routing rules (admin). Every department named must exist.
 * @throws ForbiddenError, RuleViolationError (422 pointing at the rule's departmentId)
 */
export async function putRoutingConfig(deps: Deps, caller: Caller, config: RoutingConfig) {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins change routing');
  for (const [i, rule] of config.rules.entries()) await assertDepartmentsExist(deps, caller.orgId, [rule.departmentId], `#/rules/${i}/departmentId`);
  if (config.fallback?.departmentId) await assertDepartmentsExist(deps, caller.orgId, [config.fallback.departmentId], '#/fallback/departmentId');
  const updatedAt = deps.now().toISOString();
  await deps.store.entities.routingConfig
    .put({ orgId: caller.orgId, rules: config.rules, fallback: config.fallback, updatedAt, updatedBy: caller.userId })
    .go();
  return { ...config, updatedAt };
}
