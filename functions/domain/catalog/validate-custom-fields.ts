import type { CustomField } from './catalog.entities';

type FieldValue = string | number | boolean | null | string[];
export interface FieldError {
  pointer: string;
  detail: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Definitions that apply to a ticket of this category: those without categories, or naming it. */
export const applicableTo = (defs: readonly CustomField[], category?: string | null) =>
  defs.filter((d) => !d.categoryIds?.length || (category ? d.categoryIds.includes(category) : false));

/**
 * The errors of a ticket's custom fields against the definitions: an unknown key, a value of
 * the wrong type, an option not offered, a required field missing. Pure; each error points
 * at `#/customFields/<key>`. `requireAll: false` skips required checks (channels that cannot
 * ask for fields, such as mail).
 */
export function customFieldErrors(
  values: Record<string, FieldValue | undefined>,
  defs: readonly CustomField[],
  category: string | null | undefined,
  options: { requireAll: boolean },
): FieldError[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const errors: FieldError[] = [];
  const at = (key: string) => `#/customFields/${key}`;
  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    if (!def) {
      errors.push({ pointer: at(key), detail: `no custom field "${key}" is defined` });
      continue;
    }
    if (value === null || value === undefined) continue;
    const problem = valueProblem(def, value);
    if (problem) errors.push({ pointer: at(key), detail: problem });
  }
  if (options.requireAll) {
    for (const def of applicableTo(defs, category)) {
      if (!def.required) continue;
      const value = values[def.key];
      const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
      if (empty) errors.push({ pointer: at(def.key), detail: `"${def.label}" is required` });
    }
  }
  return errors;
}

function valueProblem(def: CustomField, value: FieldValue): string | undefined {
  switch (def.type) {
    case 'text':
      return typeof value === 'string' ? undefined : 'must be text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
        ? undefined
        : 'must be a date (YYYY-MM-DD)';
    case 'select':
      if (typeof value !== 'string') return 'must be one of the options';
      return def.options?.includes(value) ? undefined : `"${value}" is not an option (${(def.options ?? []).join(', ')})`;
    case 'multiselect': {
      if (!Array.isArray(value)) return 'must be a list of options';
      const wrong = value.filter((v) => !def.options?.includes(v));
      return wrong.length ? `not options: ${wrong.join(', ')} (options: ${(def.options ?? []).join(', ')})` : undefined;
    }
  }
}

/** The fields a customer may see: only those defined as visible to customers. */
export function customerVisibleFields<T>(values: Record<string, T>, defs: readonly CustomField[]): Record<string, T> {
  const visible = new Set(defs.filter((d) => d.visibleToCustomer).map((d) => d.key));
  return Object.fromEntries(Object.entries(values).filter(([key]) => visible.has(key)));
}
