import type { FormCategory, FormField } from '../../../schemas/intake';
import { fieldDefinitions } from '../catalog/check-ticket-fields';
import type { Deps } from '../store/store';

/** The categories a customer may pick on the public form: the organization's, archived ones left out. */
export async function publicCategoriesOf(deps: Deps, orgId: string): Promise<FormCategory[]> {
  const { data } = await deps.store.entities.category.query.byOrg({ orgId }).go({ pages: 'all' });
  const names = new Map(data.map((c) => [c.categoryId, c.name]));
  return data.filter((c) => !c.archived).map((c) => ({
    id: c.categoryId,
    name: c.parentId && names.has(c.parentId) ? `${names.get(c.parentId)} › ${c.name}` : c.name,
  }));
}

/**
 * The custom fields marked visible to customers, as form fields. A multi-select has no form
 * control of its own here, so it stays off the public form (staff set it on the ticket).
 */
export async function publicCustomFieldsOf(deps: Deps, orgId: string): Promise<FormField[]> {
  const definitions = await fieldDefinitions(deps, orgId, { fresh: false });
  return definitions.filter((f) => f.visibleToCustomer && f.type !== 'multiselect').map((f) => ({
    name: f.key,
    label: f.label,
    type: f.type === 'select' ? 'select' : f.type,
    required: f.required,
    ...(f.type === 'select' ? { options: (f.options ?? []).map((option) => ({ value: option, label: option })) } : {}),
  }) as FormField);
}
