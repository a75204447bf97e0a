import type { RateTicketBody } from '../../../schemas/sla-api';
import type { SubmitWebTicketBody, TrackReplyBody } from '../../../schemas/intake';
import { captchaVerifier } from '../../adapters/captcha';
import { formConfigOf } from '../../domain/intake/form-config';
import { submitWebTicket } from '../../domain/intake/submit-web-ticket';
import { rateByToken, replyByToken, trackTicket } from '../../domain/intake/track-ticket';
import { logger } from '../../observability';
import { deps } from '../deps';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';
import { publicBaseUrl } from './public-base-url';

type Slug = { slug: string };
type Token = { token: string };

/** The public side of the web form: no login, tenant from the slug or the tracking token. */
export const handler = routeGroup('public-intake', {
  getWebForm: async ({ params }: ParsedRequest<unknown, unknown, Slug>) => ({
    status: 200,
    body: await formConfigOf(deps, params.slug, captchaVerifier()),
    headers: { 'cache-control': 'public, max-age=60' },
  }),

  submitWebTicket: async ({ params, body, event }: ParsedRequest<SubmitWebTicketBody, unknown, Slug>) => {
    const { ticket, trackingUrl } = await submitWebTicket(deps, captchaVerifier(), {
      slug: params.slug,
      body,
      sourceIp: event.requestContext.http.sourceIp,
      publicBaseUrl: publicBaseUrl(event),
    });
    logger.appendKeys({ orgId: ticket.orgId, ticketId: ticket.ticketId });
    logger.info('web form ticket created');
    return { status: 201, body: { number: ticket.number, trackingUrl }, headers: { 'cache-control': 'no-store' } };
  },

  trackTicket: async ({ params }: ParsedRequest<unknown, unknown, Token>) => ({
    status: 200,
    body: await trackTicket(deps, params.token),
    headers: { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  }),

  replyByTracking: async ({ params, body, event }: ParsedRequest<TrackReplyBody, unknown, Token>) => ({
    status: 201,
    body: await replyByToken(deps, params.token, body.body, event.requestContext.http.sourceIp),
    headers: { 'cache-control': 'no-store' },
  }),

  rateByTracking: async ({ params, body }: ParsedRequest<RateTicketBody, unknown, Token>) => ({
    status: 201,
    body: await rateByToken(deps, params.token, body),
    headers: { 'cache-control': 'no-store' },
  }),
});
