import { rateByLink, surveyOfLink, unsubscribeByLink } from '../../domain/mail-channel/mail-links';
import { surveyPage, unsubscribedPage, unsubscribePage } from '../../domain/mail-channel/public-pages';
import { readLinkToken } from '../../domain/mail-channel/signed-links';
import { EMAIL_ROUTES } from '../../manifest/features/email';
import { routeGroup } from '../kit/http-route';

const html = (body: string) => ({ status: 200, body, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });

/** The links in customer mail: no sign-in, the signed token in the link is the authority. */
export const handler = routeGroup('mail-public', EMAIL_ROUTES, {
  getSurveyPage: async ({ query }, { deps, ports }) =>
    html(surveyPage({ token: query.token, score: query.score, ...(await surveyOfLink(deps, ports.links, query.token)) })),
  submitSurvey: async ({ body }, { deps, ports }) => ({ status: 200, body: await rateByLink(deps, ports.links, body) }),
  getUnsubscribePage: async ({ query }, { deps, ports }) => {
    await readLinkToken(ports.links, query.token, 'unsubscribe', deps.now()); // the page changes nothing: mail scanners open links
    return html(unsubscribePage(query.token));
  },
  unsubscribe: async ({ query }, { deps, ports }) => html(unsubscribedPage((await unsubscribeByLink(deps, ports.links, query.token)).email)),
});
