import type { SubmitWebTicketBody } from '../../../schemas/intake';
import { attachmentViewOf, clearUploads, prepareAttachments } from '../attachments/attach-uploads';
import { DRAFT } from '../attachments/object-keys';
import type { Caller } from '../caller';
import type { AttachmentStore } from '../ports/attachment-store';
import { NotFoundError, RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import { normaliseEmail } from '../tickets/access';
import { createTicket, type ExtraWrites } from '../tickets/create-ticket';
import type { Ticket } from '../tickets/ticket.entity';
import type { CaptchaVerifier } from './captcha';
import { CaptchaRefusedError } from './errors';
import { publicCategoriesOf, publicCustomFieldsOf } from './form-catalog';
import { takeSubmission } from './rate-limits';
import { webUploaderOf } from './public-uploads';
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
 * the CAPTCHA, so a flood without answers cannot use up someone's address quota. Files uploaded
 * through the form's own slots (`attachmentIds`) become the first message's attachments, checked
 * like any upload and claimed in the create's transaction.
 * @throws NotFoundError (unknown slug, unknown or taken upload), RateLimitedError, CaptchaRefusedError,
 *   RuleViolationError (unknown category or field, attachments where the runtime has no file store),
 *   AttachmentRefusedError
 */
export async function submitWebTicket(
  deps: Deps,
  ports: { captcha?: CaptchaVerifier; attachments?: AttachmentStore },
  submission: WebSubmission,
): Promise<{ ticket: Ticket; trackingUrl: string }> {
  const { captcha, attachments } = ports;
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
  if (body.attachmentIds.length > 0 && !attachments) {
    throw new RuleViolationError('this deployment takes no files', '#/attachmentIds');
  }
  const ticketId = deps.newId();
  const claims = attachments ? await claimFormUploads(deps, attachments, orgId, body.attachmentIds, ticketId) : [];

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
  }, 'web', {
    alsoWrite,
    ...(claims.length > 0 ? { ticketId, claims, firstMessage: { body: body.description, attachments: claims.map((c) => attachmentViewOf(c.attachment)) } } : {}),
  });
  if (attachments) await clearUploads(attachments, claims);
  return { ticket, trackingUrl };
}

/**
 * The form's uploads named in the submission. A public caller's 404 means "no such form", so an
 * unknown, expired or already used upload is a 422 naming the id.
 */
async function claimFormUploads(deps: Deps, store: AttachmentStore, orgId: string, ids: readonly string[], ticketId: string) {
  try {
    return await prepareAttachments(deps, store, webUploaderOf(orgId), ids, { slotTicketId: DRAFT, ticketId });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const index = Math.max(0, ids.findIndex((id) => error.message.includes(id)));
    throw new RuleViolationError(`no upload ${ids[index]} waits for this form (unknown, expired or already sent)`, `#/attachmentIds/${index}`);
  }
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
