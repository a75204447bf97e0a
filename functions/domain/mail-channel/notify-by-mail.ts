import type { TicketEvent } from '../../../schemas/events';
import { readSettings } from '../settings/org-settings';
import { isStaffRole } from '../../../schemas/roles';
import type { MailSender } from '../ports/mail-sender';
import type { Deps } from '../store/store';
import type { Ticket } from '../tickets/ticket.entity';
import { maySeeEntry } from '../tickets/customer-visibility';
import { replyAddressOf } from './addresses';
import { composeNotification } from './compose-notification';
import { AUTOMATED_MAIL_TAG, RECOVERED_TAG } from './mail-tags';
import type { LinkSigner } from '../ports/link-signer';
import { optedOutOfSurveys } from './mail-links';
import { recordMailRef, threadMailRefs } from './mail-refs';
import { senderMailboxFor } from './mailboxes';
import { getNotificationSettings, wantsConfirmation } from './notification-settings';
import { createLinkToken } from './signed-links';
import type { NotificationKind } from './templates';
import { sendWebConfirmation } from '../intake/web-confirmation';
import { isMetaTicket } from '../meta/reply-window';

/** What mail needs beyond the store and the sender: links in it point at the public API. */
export interface MailLinks {
  signer: LinkSigner;
  /** The public API's base URL, e.g. https://api.example.com. */
  apiUrl: string;
}

/** Machines: never written to, so no loop can start from us. */
const NO_MAIL = /^(mailer-daemon|postmaster|mail-daemon|no-?reply|do-?not-?reply|bounces?)([+-][^@]*)?@/i;

export type NotifyOutcome = { sent: false; why: string } | { sent: true; kind: NotificationKind; messageId: string; to: string };

/** Which mail, if any, a ticket event may send to the requester (settings and tags decide later). */
export function notificationKindOf(event: TicketEvent): NotificationKind | undefined {
  if (!maySeeEntry({ role: 'customer' }, event)) return undefined;
  if (event.type === 'ticket.created') return 'created';
  if (event.type === 'ticket.message.added') {
    // A rule's canned reply (issue 17) goes out like an agent's.
    if (isStaffRole(String(event.data?.authorRole)) || event.data?.authorRole === 'automation') return 'reply';
    return event.data?.authorRole === 'system' && event.data?.reason === 'auto-close-warning' ? 'auto-close-warning' : undefined;
  }
  if (event.type === 'ticket.status.changed') {
    const to = event.changes?.status?.to;
    return to === 'resolved' || to === 'closed' ? to : undefined;
  }
  if (event.type === 'ticket.survey.sent') return 'survey';
  return undefined;
}

/**
 * Sends the requester the mail a ticket event calls for (confirmation, a public agent reply,
 * resolved/closed, the auto-close warning, the satisfaction survey), threaded on the ticket's
 * earlier mail, and remembers its Message-ID so replies and bounces find the ticket. Tickets
 * opened by bulk or machine mail get no automatic mail at all. Never throws for "nothing to send".
 */
export async function notifyByMail(deps: Deps, mail: MailSender, event: TicketEvent, links?: MailLinks): Promise<NotifyOutcome> {
  // The web form's confirmation carries the tracking link: its own template and sender.
  if (event.type === 'ticket.created' && event.ticket.channel === 'web') return sendWebConfirmation(deps, mail, event);
  const kind = notificationKindOf(event);
  if (!kind) return { sent: false, why: 'no mail for this event' };
  const { orgId, ticketId } = event;
  const { data: ticket } = await deps.store.entities.ticket.get({ orgId, ticketId }).go();
  if (!ticket) return { sent: false, why: 'ticket gone' };
  if (isMetaTicket(ticket)) return { sent: false, why: 'the requester is answered on WhatsApp/Instagram' };
  // Independent reads in parallel: bursts of timer events (auto-close, surveys) pass through here.
  const [skip, refs, settings] = await Promise.all([
    whyNot(deps, kind, ticket, event, links), threadMailRefs(deps, orgId, ticketId), readSettings(deps, orgId),
  ]);
  if (skip) return { sent: false, why: skip };
  const to = ticket.requesterEmail;
  // The thread's mailbox keeps the conversation on the address the customer wrote to; a ticket
  // without mail (API, web, chat, MCP) is answered from the org's primary mailbox.
  const used = refs.map((ref) => ref.mailbox).filter(Boolean).at(-1);
  const mailbox = await senderMailboxFor(deps, orgId, used);
  if (!mailbox) return { sent: false, why: 'the organization has no mailbox' };
  let body: string | undefined;
  if (kind === 'reply' || kind === 'auto-close-warning') {
    const messageId = String(event.data?.messageId);
    const { data: message } = await deps.store.entities.message.get({ orgId, ticketId, messageId }).go();
    if (!message || message.internal) return { sent: false, why: 'no public message' };
    body = message.body;
  }
  const survey = kind === 'survey' && links ? await surveyLinks(deps, links, ticket) : undefined;
  const domain = mailbox.address.split('@')[1];
  const messageId = `hd.${event.id.toLowerCase()}@${domain}`;
  const raw = await composeNotification({
    kind,
    messageId,
    from: { name: mailbox.displayName ?? settings.mailIdentity.fromDisplay ?? settings.mailIdentity.name ?? 'Support', address: mailbox.address },
    to,
    replyTo: replyAddressOf(mailbox.address, ticketId),
    thread: refs.map((ref) => ref.messageId),
    ticket: { number: ticket.number, subject: ticket.subject, requesterName: ticket.requesterName, resolution: ticket.resolutionText },
    body,
    values: survey?.values,
    unsubscribeUrl: survey?.unsubscribeUrl,
    answersMail: kind === 'created' && ticket.channel === 'email',
    templates: mailbox.templates,
    date: deps.now(),
  });
  // Recorded before sending: a reply may come back before the send call returns.
  await recordMailRef(deps, { orgId, ticketId, messageId, direction: 'out', to, mailbox: mailbox.address });
  await mail.send({ from: mailbox.address, to: [to], raw });
  return { sent: true, kind, messageId, to };
}

/** Why this mail is not sent, or undefined when it is. */
async function whyNot(deps: Deps, kind: NotificationKind, ticket: Ticket, event: TicketEvent, links?: MailLinks): Promise<string | undefined> {
  if (NO_MAIL.test(ticket.requesterEmail)) return 'requester is a mail system';
  if (kind !== 'reply' && ticket.tags.includes(AUTOMATED_MAIL_TAG)) return 'bulk or machine mail gets no automatic mail';
  if (kind === 'created') {
    if (ticket.tags.includes(RECOVERED_TAG)) return 'recovered mail gets no automatic confirmation';
    const settings = ticket.channel === 'email' ? undefined : await getNotificationSettings(deps, ticket.orgId);
    if (settings && !wantsConfirmation({ channel: ticket.channel, creatorRole: event.actor.role }, settings)) {
      return `no confirmation for ${ticket.channel} tickets opened by ${event.actor.role}s (organization setting)`;
    }
  }
  if (kind === 'survey') {
    if (!links) return 'no signed links in this runtime';
    if (ticket.rating) return 'already rated';
    const [settings, optedOut] = await Promise.all([getNotificationSettings(deps, ticket.orgId), optedOutOfSurveys(deps, ticket.orgId, ticket.requesterEmail)]);
    if (!settings.surveys) return 'surveys are off (organization setting)';
    if (optedOut) return 'the requester unsubscribed from surveys';
  }
  return undefined;
}

async function surveyLinks(deps: Deps, links: MailLinks, ticket: Ticket) {
  const now = deps.now();
  const base = { orgId: ticket.orgId, email: ticket.requesterEmail };
  const rate = await createLinkToken(links.signer, { ...base, purpose: 'survey', ticketId: ticket.ticketId }, now);
  const unsubscribe = await createLinkToken(links.signer, { ...base, purpose: 'unsubscribe' }, now);
  const labels = ['Very unhappy', 'Unhappy', 'Neutral', 'Happy', 'Very happy'];
  const ratingLinks = [5, 4, 3, 2, 1].map((score) => `${score} - ${labels[score - 1]}: ${links.apiUrl}/v1/public/survey?token=${rate}&score=${score}`).join('\n');
  const unsubscribeUrl = `${links.apiUrl}/v1/public/unsubscribe?token=${unsubscribe}`;
  return { values: { ratingLinks, unsubscribeUrl }, unsubscribeUrl };
}
