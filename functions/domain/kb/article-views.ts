import type { ArticleView, PublicArticleView } from '../../../schemas/kb';
import { type Caller, isStaff } from '../caller';
import type { KbArticle } from './kb.entities';

// The article views and the visibility rule, apart from the writes (which render Markdown), so
// the public help pages carry no Markdown renderer.

export const toArticleView = (a: KbArticle): ArticleView => ({
  id: a.articleId, title: a.title, body: a.body, html: a.html, tags: a.tags, categoryId: a.categoryId ?? null,
  status: a.status, audience: a.audience, version: a.version, authorId: a.authorId, createdAt: a.createdAt, updatedAt: a.updatedAt,
});

export const toPublicArticleView = (a: KbArticle): PublicArticleView => ({
  id: a.articleId, title: a.title, html: a.html, tags: a.tags, updatedAt: a.updatedAt,
});

/** Whether a reader sees an article: staff see every article of their organization, others published public ones. */
export const maySeeArticle = (caller: Pick<Caller, 'role'> | 'public', a: Pick<KbArticle, 'status' | 'audience'>) =>
  (caller !== 'public' && isStaff(caller)) || (a.status === 'published' && a.audience === 'public');
