/** The notifications the mail channel sends, with defaults an organization may override per mailbox. */
export type NotificationKind = 'created' | 'reply' | 'resolved' | 'closed';

export interface Template {
  subject: string;
  text: string;
}

export const DEFAULT_TEMPLATES: Record<NotificationKind, Template> = {
  created: {
    subject: 'We received your request: {{subject}}',
    text: 'Hello {{name}},\n\nthank you for contacting us. Your request has been received as ticket {{number}}; '
      + 'we will get back to you soon. Reply to this mail to add anything.\n\n{{signature}}',
  },
  reply: { subject: 'Re: {{subject}}', text: '{{body}}\n\n--\n{{signature}}' },
  resolved: {
    subject: 'Resolved: {{subject}}',
    text: 'Hello {{name}},\n\nyour request {{number}} has been resolved.\n\n{{resolution}}\n\n'
      + 'If it is not solved for you, simply reply to this mail and the ticket opens again.\n\n{{signature}}',
  },
  closed: {
    subject: 'Closed: {{subject}}',
    text: 'Hello {{name}},\n\nyour request {{number}} is now closed. Write to us again any time.\n\n{{signature}}',
  },
};

/** Fills `{{name}}` placeholders; unknown ones become ''. */
export function render(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => values[key] ?? '').replace(/\n{3,}/g, '\n\n');
}

/** The per-org override of a template (from the mailbox), else the default. */
export function templateFor(kind: NotificationKind, overrides: unknown): Template {
  const custom = (overrides as Partial<Record<NotificationKind, Partial<Template>>> | undefined)?.[kind];
  return { ...DEFAULT_TEMPLATES[kind], ...(typeof custom === 'object' && custom ? custom : {}) };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The text part as simple HTML: escaped, paragraphs and line breaks kept. */
export function textToHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body style="font-family:sans-serif;font-size:14px">${paragraphs.join('')}</body></html>`;
}
