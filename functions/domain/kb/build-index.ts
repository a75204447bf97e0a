import MiniSearch from 'minisearch';
import type { ObjectStore } from '../ports/object-store';
import type { Deps } from '../store/store';
import type { KbArticle } from './kb.entities';
import { plainTextOf } from './render-markdown';
import { type IndexedArticle, indexKeyOf, OPTIONS } from './search-index';

// Building an index renders every article's Markdown (marked + sanitize-html); only the
// reindex worker does it, so it lives apart from the search that every reader bundles.

/**
 * The serialised MiniSearch index (BM25+ ranking over stemmed title, text and tags) of an
 * organization's published articles; drafts are never in it. Pure.
 */
export function buildIndex(articles: readonly KbArticle[]): string {
  const index = new MiniSearch<IndexedArticle>(OPTIONS);
  index.addAll(articles.filter((a) => a.status === 'published').map((a) => {
    const text = plainTextOf(a.body);
    return { id: a.articleId, title: a.title, text, tags: a.tags.join(' '), audience: a.audience, snippet: text.slice(0, 200) };
  }));
  return JSON.stringify(index);
}

const isConditionFailure = (error: unknown) => /conditional request failed|ConditionalCheckFailed/i.test(String((error as Error).message));
const POINTER_ATTEMPTS = 5;

/**
 * Rebuilds the organization's index from its articles (one consistent Query of its article
 * partition), stores it as a new object and points the index item at it. The pointer only moves
 * forward: a rebuild that started reading earlier than the stored one never replaces it (and
 * deletes its own object), so two rebuilds racing after two quick edits end on the later read.
 * The bucket keeps two builds per organization: the current one and the one before it (which
 * other containers may still be loading); moving the pointer deletes the build before that.
 */
export async function rebuildIndex(deps: Deps, objects: ObjectStore, orgId: string): Promise<{ build: string; articles: number; stale?: true }> {
  const startedAt = deps.now().toISOString();
  const { data } = await deps.store.entities.kbArticle.query.byOrg({ orgId }).go({ pages: 'all', consistent: true });
  const build = `${startedAt.replace(/[^0-9]/g, '')}-${deps.newId()}`;
  const objectKey = indexKeyOf(orgId, build);
  await objects.put(objectKey, Buffer.from(buildIndex(data), 'utf8'), 'application/json');
  const published = data.filter((a) => a.status === 'published').length;
  for (let attempt = 0; attempt < POINTER_ATTEMPTS; attempt++) {
    const { data: before } = await deps.store.entities.kbIndex.get({ orgId }).go({ consistent: true });
    if (before && before.builtAt >= startedAt) break;
    try {
      // Guarded on the pointer read, so the build it replaces is the one recorded as previous.
      await deps.store.entities.kbIndex
        .put({ orgId, build, objectKey, previousObjectKey: before?.objectKey, articleCount: published, builtAt: startedAt })
        .where(({ builtAt }, { notExists, eq }) => (before ? eq(builtAt, before.builtAt) : notExists(builtAt)))
        .go();
    } catch (error) {
      if (isConditionFailure(error)) continue;
      throw error;
    }
    if (before?.previousObjectKey) await objects.remove(before.previousObjectKey);
    return { build, articles: published };
  }
  await objects.remove(objectKey);
  return { build, articles: published, stale: true };
}
