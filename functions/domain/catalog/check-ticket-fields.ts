import { type Caller, isStaff } from '../caller';
import { RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import { InvalidCustomFieldsError } from '../team/errors';
import type { CustomField } from './catalog.entities';
import { customFieldErrors } from './validate-custom-fields';

/**
 * Every API create validates against the definitions, so a container keeps them briefly: a
 * busy helpdesk pays one Query per organization per half minute instead of one per ticket.
 * A definition change applies in this container at once, in others within that time.
 */
const DEFINITIONS_TTL_MS = 30_000;
const definitionsCache = new Map<string, { defs: CustomField[]; until: number }>();

/** The organization's custom field definitions: one Query of its (small) catalog partition, cached briefly. */
export async function fieldDefinitions(deps: Deps, orgId: string, options: { fresh?: boolean } = {}): Promise<CustomField[]> {
  const cached = definitionsCache.get(orgId);
  if (!options.fresh && cached && cached.until > Date.now()) return cached.defs;
  const { data } = await deps.store.entities.customField.query.byOrg({ orgId }).go({ pages: 'all' });
  if (definitionsCache.size > 10_000) definitionsCache.clear();
  definitionsCache.set(orgId, { defs: data, until: Date.now() + DEFINITIONS_TTL_MS });
  return data;
}

/** Drops this container's copy after a change to the definitions. */
export const forgetFieldDefinitions = (orgId: string) => definitionsCache.delete(orgId);

/**
 * Checks what a ticket write names from the catalog: the category must exist and not be
 * archived; custom fields must match their definitions (customers may only set fields visible
 * to them). Runs before the write; reads only what the write names.
 * @throws RuleViolationError (422, `#/category`), InvalidCustomFieldsError (400, `#/customFields/<key>`)
 */
export async function checkTicketFields(
  deps: Deps,
  caller: Caller,
  ticket: { category?: string | null; customFields?: Record<string, unknown> },
  options: { categoryChanged: boolean; fieldsChanged: boolean; requireAll: boolean },
): Promise<void> {
  if (options.categoryChanged && ticket.category) {
    const { data } = await deps.store.entities.category.get({ orgId: caller.orgId, categoryId: ticket.category }).go();
    if (!data) throw new RuleViolationError(`no category ${ticket.category} in this organization`, '#/category');
    if (data.archived) throw new RuleViolationError(`category ${ticket.category} is archived`, '#/category');
  }
  const values = (ticket.customFields ?? {}) as Record<string, never>;
  if (!options.fieldsChanged && !options.categoryChanged) return;
  if (Object.keys(values).length === 0 && !options.requireAll) return;
  const all = await fieldDefinitions(deps, caller.orgId);
  const defs = isStaff(caller) ? all : all.filter((d) => d.visibleToCustomer);
  const errors = customFieldErrors(values, defs, ticket.category, { requireAll: options.requireAll });
  if (errors.length) throw new InvalidCustomFieldsError(errors);
}

/**
 * How ticket views look to the caller as far as custom fields go: customers see only fields
 * defined as visible to them (one Query of the definitions, customers only).
 */
export async function customFieldsLens(deps: Deps, caller: Caller): Promise<<T extends { customFields: Record<string, unknown> }>(view: T) => T> {
  if (isStaff(caller)) return (view) => view;
  const visible = new Set((await fieldDefinitions(deps, caller.orgId)).filter((d) => d.visibleToCustomer).map((d) => d.key));
  return (view) => ({ ...view, customFields: Object.fromEntries(Object.entries(view.customFields).filter(([key]) => visible.has(key))) });
}
