import type { DepartmentInput, DepartmentPatch, DepartmentView } from '../../../schemas/team';
import { type Caller, isStaff } from '../caller';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import type { Department } from './team.entities';

export const toDepartmentView = (d: Department): DepartmentView => ({
  id: d.departmentId, name: d.name, description: d.description ?? null, tier: d.tier ?? null, createdAt: d.createdAt, updatedAt: d.updatedAt,
});

const assertAdmin = (caller: Caller) => {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins manage departments');
};

/** The organization's departments (staff): one Query of the org's department partition. */
export async function listDepartments(deps: Deps, caller: Caller): Promise<Department[]> {
  if (!isStaff(caller)) throw new ForbiddenError('customers may not list departments');
  const { data } = await deps.store.entities.department.query.byOrg({ orgId: caller.orgId }).go({ pages: 'all' });
  return data;
}

/** @throws NotFoundError */
export async function getDepartment(deps: Deps, caller: Caller, departmentId: string): Promise<Department> {
  if (!isStaff(caller)) throw new ForbiddenError('customers may not read departments');
  const { data } = await deps.store.entities.department.get({ orgId: caller.orgId, departmentId }).go();
  if (!data) throw new NotFoundError('department', departmentId);
  return data;
}

/** @throws ForbiddenError unless admin. */
export async function createDepartment(deps: Deps, caller: Caller, input: DepartmentInput): Promise<Department> {
  assertAdmin(caller);
  const at = deps.now().toISOString();
  const item: Department = { orgId: caller.orgId, departmentId: deps.newId(), ...input, createdAt: at, updatedAt: at };
  await deps.store.entities.department.create(item).go();
  return item;
}

/** @throws ForbiddenError, NotFoundError */
export async function updateDepartment(deps: Deps, caller: Caller, departmentId: string, patch: DepartmentPatch): Promise<Department> {
  assertAdmin(caller);
  try {
    const { data } = await deps.store.entities.department
      .patch({ orgId: caller.orgId, departmentId })
      .set({ ...patch, updatedAt: deps.now().toISOString() })
      .go({ response: 'all_new' });
    return data as Department;
  } catch (error) {
    if (isConditionFailure(error)) throw new NotFoundError('department', departmentId);
    throw error;
  }
}

/**
 * Deletes a department. Agents keep the id in their entry until edited; the router skips
 * rules whose department is gone.
 * @throws ForbiddenError, NotFoundError
 */
export async function deleteDepartment(deps: Deps, caller: Caller, departmentId: string): Promise<void> {
  assertAdmin(caller);
  const { data } = await deps.store.entities.department.delete({ orgId: caller.orgId, departmentId }).go({ response: 'all_old' });
  if (!data) throw new NotFoundError('department', departmentId);
}

/** @throws RuleViolationError (422 at `pointer`) naming the first id that is not a department here. */
export async function assertDepartmentsExist(deps: Deps, orgId: string, ids: readonly string[], pointer: string): Promise<void> {
  const unique = [...new Set(ids)];
  const { data } = await deps.store.entities.department.get(unique.map((departmentId) => ({ orgId, departmentId }))).go();
  const found = new Set(data.map((d) => d.departmentId));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) throw new RuleViolationError(`no department ${missing.join(', ')} in this organization`, pointer);
}

export const isConditionFailure = (error: unknown) =>
  /conditional request failed|ConditionalCheckFailed/i.test(String((error as Error)?.message ?? '')) ||
  (error as { cause?: { name?: string } })?.cause?.name === 'ConditionalCheckFailedException';
