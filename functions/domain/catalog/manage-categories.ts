import type { CategoryInput, CategoryPatch, CategoryView } from '../../../schemas/catalog';
import { type Caller, isStaff } from '../caller';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import { TeamConflictError } from '../team/errors';
import { isConditionFailure } from '../team/manage-departments';
import type { Category } from './catalog.entities';

export const toCategoryView = (c: Category): CategoryView => ({
  id: c.categoryId, name: c.name, parentId: c.parentId ?? null, archived: c.archived, ticketCount: Math.max(0, c.ticketCount ?? 0),
});

const assertAdmin = (caller: Caller) => {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins manage categories');
};

/** A readable, stable id from a name: "Billing & Invoices" → "billing-invoices". */
export const slugOf = (name: string) =>
  name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'category';

/** Every category of the organization (anyone signed in: customers pick one when filing). */
export async function listCategories(deps: Deps, caller: Caller): Promise<Category[]> {
  const { data } = await deps.store.entities.category.query.byOrg({ orgId: caller.orgId }).go({ pages: 'all' });
  return isStaff(caller) ? data : data.filter((c) => !c.archived);
}

/** @throws NotFoundError */
export async function getCategory(deps: Deps, orgId: string, categoryId: string): Promise<Category> {
  const { data } = await deps.store.entities.category.get({ orgId, categoryId }).go();
  if (!data) throw new NotFoundError('category', categoryId);
  return data;
}

/**
 * Creates a category; with `parentId` a child of a top-level one (two levels at most).
 * @throws ForbiddenError, RuleViolationError (parent missing or itself a child), TeamConflictError (id taken)
 */
export async function createCategory(deps: Deps, caller: Caller, input: CategoryInput): Promise<Category> {
  assertAdmin(caller);
  if (input.parentId) {
    const { data: parent } = await deps.store.entities.category.get({ orgId: caller.orgId, categoryId: input.parentId }).go();
    if (!parent) throw new RuleViolationError(`no category ${input.parentId}`, '#/parentId');
    if (parent.parentId) throw new RuleViolationError('categories have two levels: the parent must be a top-level category', '#/parentId');
  }
  const at = deps.now().toISOString();
  const item: Category = {
    orgId: caller.orgId, categoryId: input.id ?? slugOf(input.name), name: input.name, parentId: input.parentId,
    archived: false, ticketCount: 0, createdAt: at, updatedAt: at,
  };
  try {
    await deps.store.entities.category.create(item).go();
  } catch (error) {
    if (isConditionFailure(error)) throw new TeamConflictError(`a category with id ${item.categoryId} exists; send another "id"`);
    throw error;
  }
  return item;
}

/** Renames or (un)archives. An archived category can no longer be given to tickets. @throws NotFoundError */
export async function updateCategory(deps: Deps, caller: Caller, categoryId: string, patch: CategoryPatch): Promise<Category> {
  assertAdmin(caller);
  try {
    const { data } = await deps.store.entities.category
      .patch({ orgId: caller.orgId, categoryId })
      .set({ ...patch, updatedAt: deps.now().toISOString() })
      .go({ response: 'all_new' });
    return data as Category;
  } catch (error) {
    if (isConditionFailure(error)) throw new NotFoundError('category', categoryId);
    throw error;
  }
}

/**
 * Deletes a category that no ticket names, or an archived one, and that has no children.
 * The condition sits on the delete itself, so a ticket counted meanwhile is not lost.
 * @throws NotFoundError, TeamConflictError (in use and not archived, or has children)
 */
export async function deleteCategory(deps: Deps, caller: Caller, categoryId: string): Promise<void> {
  assertAdmin(caller);
  const all = await listCategories(deps, caller);
  const current = all.find((c) => c.categoryId === categoryId);
  if (!current) throw new NotFoundError('category', categoryId);
  if (all.some((c) => c.parentId === categoryId)) throw new TeamConflictError('the category has sub-categories; delete or move them first');
  try {
    await deps.store.entities.category
      .delete({ orgId: caller.orgId, categoryId })
      .where((attr, op) => `(${op.eq(attr.archived, true)} OR ${op.notExists(attr.ticketCount)} OR ${op.lte(attr.ticketCount, 0)})`)
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw new TeamConflictError('the category is in use by tickets; archive it first, then delete it');
    throw error;
  }
}
