import {
  createArticle, deleteArticle, getArticle, listArticleVersions, listArticles, toArticleView, updateArticle,
} from '../../domain/kb/manage-articles';
import { deflectionsOf } from '../../domain/kb/public-kb';
import { searchArticles } from '../../domain/kb/search-index';
import { isStaff } from '../../domain/caller';
import { ForbiddenError } from '../../domain/errors';
import { KB_ROUTES } from '../../manifest/features/kb';
import { routeGroup } from '../kit/http-route';

const etag = (version: number) => `"${version}"`;

/** Knowledge base articles, search and deflection counts for signed-in callers. */
export const handler = routeGroup('kb', KB_ROUTES, {
  createArticle: async ({ caller, body }, { deps }) => {
    const article = await createArticle(deps, caller, body);
    return { status: 201, body: toArticleView(article), headers: { location: `/v1/kb/articles/${article.articleId}`, etag: etag(article.version) } };
  },
  listArticles: async ({ caller, query }, { deps }) => ({
    status: 200, body: { items: (await listArticles(deps, caller, query)).map(toArticleView) },
  }),
  getArticle: async ({ caller, params }, { deps }) => {
    const article = await getArticle(deps, caller, params.articleId);
    return { status: 200, body: toArticleView(article), headers: { etag: etag(article.version) } };
  },
  updateArticle: async ({ caller, params, body, ifMatchVersion }, { deps }) => {
    const article = await updateArticle(deps, caller, params.articleId, body, ifMatchVersion);
    return { status: 200, body: toArticleView(article), headers: { etag: etag(article.version) } };
  },
  deleteArticle: async ({ caller, params }, { deps }) => {
    await deleteArticle(deps, caller, params.articleId);
    return { status: 204 };
  },
  listArticleVersions: async ({ caller, params }, { deps }) => ({
    status: 200,
    body: {
      items: (await listArticleVersions(deps, caller, params.articleId)).map((v) => ({
        version: v.version, title: v.title, body: v.body, status: v.status, audience: v.audience, authorId: v.authorId, at: v.at,
      })),
    },
  }),
  searchKb: async ({ caller, query }, { deps, ports }) => ({
    status: 200,
    body: { items: await searchArticles(deps, ports.objects, caller.orgId, query.q, { limit: query.limit, audience: isStaff(caller) ? 'staff' : 'public' }) },
  }),
  getDeflections: async ({ caller, query }, { deps }) => {
    if (!isStaff(caller)) throw new ForbiddenError('only staff read deflections');
    return { status: 200, body: await deflectionsOf(deps, caller.orgId, query) };
  },
});
