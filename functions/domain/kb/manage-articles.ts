import type { ArticleInput, ArticlePatch, ArticleView, PublicArticleView } from '../../../schemas/kb';
import { type Caller, isStaff } from '../caller';
import { ForbiddenError, NotFoundError, RuleViolationError, VersionConflictError } from '../errors';
import { outboxJobOf } from '../outbox/outbox-jobs';
import type { Deps } from '../store/store';
import type { KbArticle, KbArticleVersion } from './kb.entities';
import { renderMarkdown } from './render-markdown';

import { maySeeArticle } from './article-views';

export { maySeeArticle, toArticleView, toPublicArticleView } from './article-views';

function assertStaffWriter(caller: Caller) {
  if (!isStaff(caller)) throw new ForbiddenError('only staff write knowledge base articles');
}

async function assertCategory(deps: Deps, orgId: string, categoryId: string | null | undefined) {
  if (!categoryId) return;
  const { data } = await deps.store.entities.category.get({ orgId, categoryId }).go();
  if (!data) throw new RuleViolationError(`no category ${categoryId}`, '#/categoryId');
}

/**
 * The most an article's text and its rendered HTML may weigh together (UTF-8). Both live on the
 * article item, whose DynamoDB limit is 400 KB: the schema's 100,000 characters fit as ASCII but
 * not as CJK (3 bytes each, twice), nor markup-heavy text whose HTML escapes grow it several-fold.
 */
export const MAX_ARTICLE_BYTES = 320_000;

/** @throws RuleViolationError when the article would not fit its item */
function assertArticleFits(article: KbArticle) {
  const bytes = Buffer.byteLength(article.title) + Buffer.byteLength(article.body) + Buffer.byteLength(article.html);
  if (bytes > MAX_ARTICLE_BYTES) {
    throw new RuleViolationError(
      `the article is too large to store: its text and rendered HTML come to ${Math.ceil(bytes / 1000)} KB, at most ${MAX_ARTICLE_BYTES / 1000} KB`,
      '#/body',
    );
  }
}

const versionOf = (a: KbArticle, at: string): KbArticleVersion => ({
  orgId: a.orgId, articleId: a.articleId, version: a.version, title: a.title, body: a.body, status: a.status,
  audience: a.audience, authorId: a.authorId, at,
});

/**
 * Writes an article (new or changed) with its version item and the job that rebuilds the
 * organization's search index, in one transaction: the index can never miss a saved change.
 */
async function saveArticle(deps: Deps, next: KbArticle, previousVersion: number | undefined): Promise<boolean> {
  const { canceled } = await deps.store.transaction
    .write(({ kbArticle, kbArticleVersion, outboxJob }) => [
      previousVersion === undefined
        ? kbArticle.create(next).commit()
        : kbArticle.put(next).where(({ version }, { eq }) => eq(version, previousVersion)).commit(),
      kbArticleVersion.create(versionOf(next, next.updatedAt)).commit(),
      outboxJob.create(outboxJobOf(deps, next.orgId, 'job.kb.reindex', { orgId: next.orgId, articleId: next.articleId })).commit(),
    ])
    .go();
  return !canceled;
}

/** @throws ForbiddenError (customers), RuleViolationError (unknown category, too large to store) */
export async function createArticle(deps: Deps, caller: Caller, input: ArticleInput): Promise<KbArticle> {
  assertStaffWriter(caller);
  await assertCategory(deps, caller.orgId, input.categoryId);
  const at = deps.now().toISOString();
  const article: KbArticle = {
    orgId: caller.orgId, articleId: deps.newId(), title: input.title, body: input.body, html: renderMarkdown(input.body),
    tags: [...new Set(input.tags ?? [])], categoryId: input.categoryId, status: input.status, audience: input.audience,
    version: 1, authorId: caller.userId, createdAt: at, updatedAt: at,
  };
  assertArticleFits(article);
  if (!(await saveArticle(deps, article, undefined))) throw new Error(`article ${article.articleId} could not be created`);
  return article;
}

/** @throws NotFoundError when missing or not visible to the caller (drafts and internal articles for customers). */
export async function getArticle(deps: Deps, caller: Caller, articleId: string): Promise<KbArticle> {
  const { data } = await deps.store.entities.kbArticle.get({ orgId: caller.orgId, articleId }).go();
  if (!data || !maySeeArticle(caller, data)) throw new NotFoundError('article', articleId);
  return data;
}

/** The organization's articles (one Query of its article partition), newest change first; customers: published public only. */
export async function listArticles(deps: Deps, caller: Caller, filter: { status?: KbArticle['status']; audience?: KbArticle['audience'] }) {
  const { data } = await deps.store.entities.kbArticle.query.byOrg({ orgId: caller.orgId }).go({ pages: 'all' });
  return data
    .filter((a) => maySeeArticle(caller, a))
    .filter((a) => (!filter.status || a.status === filter.status) && (!filter.audience || a.audience === filter.audience))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * Changes an article: a new version item, the article moved to it (guarded by the version it was
 * read at, re-read on a lost race) and an index rebuild, in one transaction.
 * @throws ForbiddenError, NotFoundError, RuleViolationError, VersionConflictError (If-Match stale)
 */
export async function updateArticle(
  deps: Deps, caller: Caller, articleId: string, patch: ArticlePatch, expectedVersion?: number,
): Promise<KbArticle> {
  assertStaffWriter(caller);
  if (patch.categoryId !== undefined) await assertCategory(deps, caller.orgId, patch.categoryId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const { data: current } = await deps.store.entities.kbArticle.get({ orgId: caller.orgId, articleId }).go({ consistent: true });
    if (!current) throw new NotFoundError('article', articleId);
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw new VersionConflictError(articleId, current.version);
    const body = patch.body ?? current.body;
    const next: KbArticle = {
      ...current,
      title: patch.title ?? current.title,
      body,
      html: patch.body !== undefined ? renderMarkdown(body) : current.html,
      tags: patch.tags ? [...new Set(patch.tags)] : current.tags,
      categoryId: patch.categoryId === null ? undefined : patch.categoryId ?? current.categoryId,
      status: patch.status ?? current.status,
      audience: patch.audience ?? current.audience,
      version: current.version + 1,
      authorId: caller.userId,
      updatedAt: deps.now().toISOString(),
    };
    if (next.categoryId === undefined) delete next.categoryId;
    assertArticleFits(next);
    if (await saveArticle(deps, next, current.version)) return next;
    if (expectedVersion !== undefined) throw new VersionConflictError(articleId);
  }
  throw new VersionConflictError(articleId);
}

/** Deletes an article (admins); its versions stay as history. The index drops it on rebuild. @throws ForbiddenError, NotFoundError */
export async function deleteArticle(deps: Deps, caller: Caller, articleId: string): Promise<void> {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins delete knowledge base articles');
  const { canceled } = await deps.store.transaction
    .write(({ kbArticle, outboxJob }) => [
      kbArticle.delete({ orgId: caller.orgId, articleId }).where(({ articleId: id }, { exists }) => exists(id)).commit(),
      outboxJob.create(outboxJobOf(deps, caller.orgId, 'job.kb.reindex', { orgId: caller.orgId, articleId })).commit(),
    ])
    .go();
  if (canceled) throw new NotFoundError('article', articleId);
}

/** An article's saved versions, newest first (staff). @throws ForbiddenError, NotFoundError */
export async function listArticleVersions(deps: Deps, caller: Caller, articleId: string): Promise<KbArticleVersion[]> {
  if (!isStaff(caller)) throw new ForbiddenError('only staff read article history');
  const { data } = await deps.store.entities.kbArticleVersion.query.byArticle({ orgId: caller.orgId, articleId }).go({ pages: 'all', order: 'desc' });
  if (data.length === 0) throw new NotFoundError('article', articleId);
  return data;
}
