import { publicArticle, publicSearch, recordDeflection } from '../../domain/kb/public-kb';
import { toPublicArticleView } from '../../domain/kb/article-views';
import { KB_ROUTES } from '../../manifest/features/kb';
import { routeGroup } from '../kit/http-route';

/** The public side of the knowledge base: no login, tenant from the form's slug. */
export const handler = routeGroup('kb-public', KB_ROUTES, {
  publicSearchKb: async ({ params, query, event }, { deps, ports }) => ({
    status: 200,
    body: { items: await publicSearch(deps, ports.objects, params.slug, query.q, query.limit, event.requestContext.http.sourceIp) },
    headers: { 'cache-control': 'public, max-age=30' },
  }),
  publicGetArticle: async ({ params }, { deps }) => ({
    status: 200,
    body: toPublicArticleView(await publicArticle(deps, params.slug, params.articleId)),
    headers: { 'cache-control': 'public, max-age=60' },
  }),
  recordDeflection: async ({ params, body, event }, { deps }) => {
    await recordDeflection(deps, params.slug, body.articleId, event.requestContext.http.sourceIp);
    return { status: 202, headers: { 'cache-control': 'no-store' } };
  },
});
