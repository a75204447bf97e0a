import type { CustomFieldInput, CustomFieldPatch, CustomFieldView } from '../../../schemas/catalog';
import { type Caller, isStaff } from '../caller';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import { TeamConflictError } from '../team/errors';
import type { CustomField } from './catalog.entities';
import { fieldDefinitions, forgetFieldDefinitions } from './check-ticket-fields';

export const toCustomFieldView = (f: CustomField): CustomFieldView => ({
  id: f.fieldId, key: f.key, label: f.label, type: f.type, options: f.options ?? null, required: f.required,
  categoryIds: f.categoryIds, visibleToCustomer: f.visibleToCustomer,
});

const assertAdmin = (caller: Caller) => {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins manage custom fields');
};

/** Definitions the caller may see: all for staff, the customer-visible ones for customers. */
export async function listCustomFields(deps: Deps, caller: Caller): Promise<CustomField[]> {
  const all = await fieldDefinitions(deps, caller.orgId, { fresh: true });
  return isStaff(caller) ? all : all.filter((f) => f.visibleToCustomer);
}

/** @throws ForbiddenError, TeamConflictError (key taken), RuleViolationError (unknown category) */
export async function createCustomField(deps: Deps, caller: Caller, input: CustomFieldInput): Promise<CustomField> {
  assertAdmin(caller);
  const existing = await fieldDefinitions(deps, caller.orgId, { fresh: true });
  if (existing.some((f) => f.key === input.key)) throw new TeamConflictError(`a custom field with key ${input.key} exists`);
  await assertCategories(deps, caller.orgId, input.categoryIds ?? []);
  const at = deps.now().toISOString();
  const item: CustomField = {
    orgId: caller.orgId, fieldId: deps.newId(), key: input.key, label: input.label, type: input.type, options: input.options,
    required: input.required, categoryIds: input.categoryIds ?? [], visibleToCustomer: input.visibleToCustomer, createdAt: at, updatedAt: at,
  };
  await deps.store.entities.customField.create(item).go();
  forgetFieldDefinitions(caller.orgId);
  return item;
}

/** Key and type stay fixed (tickets hold values of them); the rest may change. @throws NotFoundError */
export async function updateCustomField(deps: Deps, caller: Caller, fieldId: string, patch: CustomFieldPatch): Promise<CustomField> {
  assertAdmin(caller);
  const { data: current } = await deps.store.entities.customField.get({ orgId: caller.orgId, fieldId }).go();
  if (!current) throw new NotFoundError('custom field', fieldId);
  if (patch.options && !['select', 'multiselect'].includes(current.type)) {
    throw new RuleViolationError('only select and multiselect fields have options', '#/options');
  }
  if (patch.categoryIds) await assertCategories(deps, caller.orgId, patch.categoryIds);
  const next: CustomField = { ...current, ...patch, updatedAt: deps.now().toISOString() };
  await deps.store.entities.customField.put(next).go();
  forgetFieldDefinitions(caller.orgId);
  return next;
}

/** Values already on tickets stay; they are no longer validated or shown to customers. @throws NotFoundError */
export async function deleteCustomField(deps: Deps, caller: Caller, fieldId: string): Promise<void> {
  assertAdmin(caller);
  const { data } = await deps.store.entities.customField.delete({ orgId: caller.orgId, fieldId }).go({ response: 'all_old' });
  if (!data) throw new NotFoundError('custom field', fieldId);
  forgetFieldDefinitions(caller.orgId);
}

async function assertCategories(deps: Deps, orgId: string, ids: readonly string[]) {
  if (!ids.length) return;
  const { data } = await deps.store.entities.category.get([...new Set(ids)].map((categoryId) => ({ orgId, categoryId }))).go();
  const found = new Set(data.map((c) => c.categoryId));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new RuleViolationError(`no category ${missing.join(', ')}`, '#/categoryIds');
}
