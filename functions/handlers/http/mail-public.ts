import type { SurveyBody } from '../../../schemas/notifications';
import { linkSigner } from '../../adapters/link-signer';
import { rateByLink, surveyOfLink, unsubscribeByLink } from '../../domain/mail-channel/mail-links';
import { readLinkToken } from '../../domain/mail-channel/signed-links';
import { surveyPage, unsubscribedPage, unsubscribePage } from '../../domain/mail-channel/public-pages';
import { deps } from '../deps';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

const html = (body: string) => ({ status: 200, body, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });

/** The links in customer mail: no sign-in, the signed token in the link is the authority. */
export const handler = routeGroup('mail-public', {
  getSurveyPage: async ({ query }: ParsedRequest<unknown, { token: string; score?: number }>) =>
    html(surveyPage({ token: query.token, score: query.score, ...(await surveyOfLink(deps, linkSigner(), query.token)) })),
  submitSurvey: async ({ body }: ParsedRequest<SurveyBody>) => ({ status: 200, body: await rateByLink(deps, linkSigner(), body) }),
  getUnsubscribePage: async ({ query }: ParsedRequest<unknown, { token: string }>) => {
    await readLinkToken(linkSigner(), query.token, 'unsubscribe', deps.now()); // the page changes nothing: mail scanners open links
    return html(unsubscribePage(query.token));
  },
  unsubscribe: async ({ query }: ParsedRequest<unknown, { token: string }>) =>
    html(unsubscribedPage((await unsubscribeByLink(deps, linkSigner(), query.token)).email)),
});
