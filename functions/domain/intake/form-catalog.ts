import type { FormCategory, FormField } from '../../../schemas/intake';
import type { Deps } from '../store/store';

/**
 * The categories and the custom fields an organization shows on its public form. Categories
 * and field definitions belong to their own feature; until it is merged this reads none, and
 * the form shows the four standard fields. The integrator points these two at that store.
 */
export async function publicCategoriesOf(_deps: Deps, _orgId: string): Promise<FormCategory[]> {
  return [];
}

/** The custom fields marked visible on the public form (see `publicCategoriesOf`). */
export async function publicCustomFieldsOf(_deps: Deps, _orgId: string): Promise<FormField[]> {
  return [];
}
