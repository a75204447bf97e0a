/** The notifications the mail channel sends, with defaults an organization may override per mailbox. */
export type NotificationKind =
  | 'created' | 'reply' | 'resolved' | 'closed' | 'survey' | 'auto-close-warning' | 'agent-assigned' | 'agent-customer-reply';

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
  survey: {
    subject: 'How did we do? {{subject}}',
    text: 'Hello {{name}},\n\nyour request {{number}} is closed. How happy are you with our help? One click rates it:\n\n'
      + '{{ratingLinks}}\n\nThank you!\n\n{{signature}}\n\nNo more survey mail: {{unsubscribeUrl}}',
  },
  'auto-close-warning': {
    subject: 'Still need help? {{subject}}',
    text: 'Hello {{name}},\n\n{{body}}\n\n{{signature}}',
  },
  'agent-assigned': {
    subject: 'Assigned to you: {{subject}}',
    text: 'Hello {{agentName}},\n\n{{actorName}} assigned ticket {{number}} to you: {{subject}}\n\nOpen it: {{ticketUrl}}',
  },
  'agent-customer-reply': {
    subject: 'Customer replied: {{subject}}',
    text: 'Hello {{agentName}},\n\n{{requester}} replied on ticket {{number}}:\n\n{{body}}\n\nOpen it: {{ticketUrl}}',
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

const URL_IN_TEXT = /https?:\/\/[^\s<>"]+/g;

/** The text part as simple HTML: escaped, paragraphs and line breaks kept, links clickable. */
export function textToHtml(text: string): string {
  const linked = (line: string) => {
    let out = '';
    let last = 0;
    for (const match of line.matchAll(URL_IN_TEXT)) {
      out += escapeHtml(line.slice(last, match.index)) + `<a href="${escapeHtml(match[0])}">${escapeHtml(match[0])}</a>`;
      last = match.index + match[0].length;
    }
    return out + escapeHtml(line.slice(last));
  };
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${p.split('\n').map(linked).join('<br>')}</p>`);
  return `<!doctype html><html><body style="font-family:sans-serif;font-size:14px">${paragraphs.join('')}</body></html>`;
}
