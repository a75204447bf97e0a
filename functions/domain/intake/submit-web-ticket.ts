import type { SubmitWebTicketBody } from '../../../schemas/intake';
import type { Caller } from '../caller';
import { RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import { normaliseEmail } from '../tickets/access';
import { createTicket, type ExtraWrites } from '../tickets/create-ticket';
import type { Ticket } from '../tickets/ticket.entity';
import type { CaptchaVerifier } from './captcha';
import { CaptchaRefusedError } from './errors';
import { publicCategoriesOf, publicCustomFieldsOf } from './form-catalog';
import { takeSubmission } from './rate-limits';
import { newTrackingToken, trackingPath } from './tracking-token';
import { webFormBySlug } from './web-forms';

export interface WebSubmission {
  slug: string;
  body: SubmitWebTicketBody;
  /** The client address as API Gateway saw it (never a header the client chose). */
  sourceIp: string;
  /** Where tracking pages live, e.g. https://api.example.com (no trailing slash). */
  publicBaseUrl: string;
}

const TRACKING_MAIL_TTL_SECONDS = 24 * 3600;

/**
 * Opens a ticket from the public form: per-IP limit, CAPTCHA (when configured), per-address
 * limit, then the one ticket create of the API with a tracking token's hash and the owed
 * confirmation mail in its transaction. The IP limit comes first and the address limit after
 * the CAPTCHA, so a flood without answers cannot use up someone's address quota.
 * @throws NotFoundError (unknown slug), RateLimitedError, CaptchaRefusedError, RuleViolationError
 *   (unknown category or field, attachments).
 */
export async function submitWebTicket(
  deps: Deps,
  captcha: CaptchaVerifier | undefined,
  submission: WebSubmission,
): Promise<{ ticket: Ticket; trackingUrl: string }> {
  const { body } = submission;
  const form = await webFormBySlug(deps, submission.slug);
  const { orgId } = form;
  await takeSubmission(deps, orgId, 'ip', submission.sourceIp, form.perIpPerHour);
  if (captcha) {
    if (!body.captchaToken) throw new CaptchaRefusedError('this form needs a CAPTCHA answer');
    const verdict = await captcha.verify(body.captchaToken, submission.sourceIp);
    if (!verdict.ok) throw new CaptchaRefusedError(verdict.reason);
  }
  const email = normaliseEmail(body.email);
  await takeSubmission(deps, orgId, 'email', email, form.perEmailPerHour);
  await checkAgainstCatalog(deps, orgId, body);
  if (body.attachmentIds.length > 0) {
    throw new RuleViolationError('attachments cannot be sent with the web form yet', '#/attachmentIds');
  }

  const { token, hash } = newTrackingToken();
  const trackingUrl = `${submission.publicBaseUrl}${trackingPath(token)}`;
  const caller: Caller = { orgId, userId: `web:${email}`, email, name: body.name, role: 'customer' };
  const createdAt = deps.now();
  const alsoWrite: ExtraWrites = ({ trackingToken, trackingMail }, ticket) => [
    trackingToken.create({ tokenHash: hash, orgId, ticketId: ticket.ticketId, createdAt: createdAt.toISOString() }).commit(),
    trackingMail.put({
      orgId, ticketId: ticket.ticketId, trackingUrl,
      ttl: Math.floor(createdAt.getTime() / 1000) + TRACKING_MAIL_TTL_SECONDS,
    }).commit(),
  ];
  const ticket = await createTicket(deps, caller, {
    subject: body.subject,
    description: body.description,
    priority: 'medium',
    category: body.category,
    tags: [],
    customFields: body.customFields,
    requester: { name: body.name, email },
  }, 'web', { alsoWrite });
  return { ticket, trackingUrl };
}

/** When the organization configured categories or fields, only those are accepted. */
async function checkAgainstCatalog(deps: Deps, orgId: string, body: SubmitWebTicketBody) {
  const [categories, fields] = await Promise.all([publicCategoriesOf(deps, orgId), publicCustomFieldsOf(deps, orgId)]);
  if (body.category && categories.length > 0 && !categories.some((c) => c.id === body.category)) {
    throw new RuleViolationError(`unknown category ${body.category}`, '#/category');
  }
  if (fields.length === 0) return;
  const known = new Set(fields.map((f) => f.name));
  const unknown = Object.keys(body.customFields).find((name) => !known.has(name));
  if (unknown) throw new RuleViolationError(`the form has no field ${unknown}`, `#/customFields/${unknown}`);
  const missing = fields.find((f) => f.required && (body.customFields[f.name] === undefined || body.customFields[f.name] === ''));
  if (missing) throw new RuleViolationError(`${missing.label} is required`, `#/customFields/${missing.name}`);
}
