/** The variables a canned reply may use, and where each comes from. */
export const TEMPLATE_VARIABLES = ['ticket.number', 'ticket.subject', 'requester.name', 'agent.name', 'organization.name'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** The variable names a template uses, in order of first use. Pure. */
export function variablesOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** The names a template uses that the renderer does not know. Pure. */
export function unknownVariables(template: string): string[] {
  return variablesOf(template).filter((name) => !(TEMPLATE_VARIABLES as readonly string[]).includes(name));
}

/** Fills `{{name}}` placeholders; the caller has checked that every name is known. Pure. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => values[name as TemplateVariable] ?? '');
}
