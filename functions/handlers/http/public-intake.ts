import { formConfigOf } from '../../domain/intake/form-config';
import { createPublicUploadSlot } from '../../domain/intake/public-uploads';
import { submitWebTicket } from '../../domain/intake/submit-web-ticket';
import { RuleViolationError } from '../../domain/errors';
import { rateByToken, replyByToken, trackTicket } from '../../domain/intake/track-ticket';
import { logger } from '../../observability';
import { INTAKE_ROUTES } from '../../manifest/features/intake';
import { routeGroup } from '../kit/http-route';
import { publicBaseUrl } from './public-base-url';

/** The public side of the web form: no login, tenant from the slug or the tracking token. */
export const handler = routeGroup('public-intake', INTAKE_ROUTES, {
  getWebForm: async ({ params }, { deps, ports }) => ({
    status: 200,
    body: await formConfigOf(deps, params.slug, ports.captcha ?? undefined),
    headers: { 'cache-control': 'public, max-age=60' },
  }),

  submitWebTicket: async ({ params, body, event }, { deps, ports, config }) => {
    const { ticket, trackingUrl } = await submitWebTicket(deps, { captcha: ports.captcha ?? undefined, attachments: ports.attachments ?? undefined }, {
      slug: params.slug,
      body,
      sourceIp: event.requestContext.http.sourceIp,
      publicBaseUrl: publicBaseUrl(config, event),
    });
    logger.appendKeys({ orgId: ticket.orgId, ticketId: ticket.ticketId });
    logger.info('web form ticket created');
    return { status: 201, body: { number: ticket.number, trackingUrl }, headers: { 'cache-control': 'no-store' } };
  },

  createPublicUploadSlot: async ({ params, body, event }, { deps, ports }) => {
    if (!ports.attachments) throw new RuleViolationError('this deployment takes no files', '#');
    const slot = await createPublicUploadSlot(deps, ports.attachments, { slug: params.slug, body, sourceIp: event.requestContext.http.sourceIp });
    return { status: 201, body: slot, headers: { 'cache-control': 'no-store' } };
  },

  trackTicket: async ({ params }, { deps }) => ({
    status: 200,
    body: await trackTicket(deps, params.token),
    headers: { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  }),

  replyByTracking: async ({ params, body, event }, { deps }) => ({
    status: 201,
    body: await replyByToken(deps, params.token, body.body, event.requestContext.http.sourceIp),
    headers: { 'cache-control': 'no-store' },
  }),

  rateByTracking: async ({ params, body }, { deps }) => ({
    status: 201,
    body: await rateByToken(deps, params.token, body),
    headers: { 'cache-control': 'no-store' },
  }),
});
