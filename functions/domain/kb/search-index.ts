import MiniSearch, { type Options } from 'minisearch';
import type { KbHit } from '../../../schemas/kb';
import type { ObjectStore } from '../ports/object-store';
import { ObjectNotFoundError } from '../ports/object-store';
import type { Deps } from '../store/store';
import { processTerm } from '../assist/text';
import type { KbArticle } from './kb.entities';
import { plainTextOf } from './render-markdown';

interface IndexedArticle {
  id: string;
  title: string;
  text: string;
  tags: string;
  audience: KbArticle['audience'];
  snippet: string;
}

/** One definition for building and loading: fields, stemming, stop words. */
const OPTIONS: Options<IndexedArticle> = {
  fields: ['title', 'text', 'tags'],
  storeFields: ['title', 'audience', 'snippet'],
  processTerm: (term) => processTerm(term) ?? null,
  searchOptions: { boost: { title: 3, tags: 2 }, prefix: (term) => term.length >= 4, fuzzy: (term) => (term.length >= 6 ? 0.15 : false) },
};

/** Where an organization's index builds live in the object store. */
export const indexKeyOf = (orgId: string, build: string) => `kb-index/${orgId}/${build}.json`;

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

/** Loaded indexes per container, by organization, with the build they are of. */
const loaded = new Map<string, { build: string; index: MiniSearch<IndexedArticle> }>();
const MAX_CACHED_ORGS = 50; // a 1,000-article index is a few MB in memory

/**
 * The organization's current index: one GetItem of the pointer, and the object only when this
 * container holds another build (or none). Null when the organization has never had an article.
 */
export async function currentIndex(deps: Deps, objects: ObjectStore, orgId: string): Promise<MiniSearch<IndexedArticle> | null> {
  const { data: pointer } = await deps.store.entities.kbIndex.get({ orgId }).go();
  if (!pointer) return null;
  const cached = loaded.get(orgId);
  if (cached?.build === pointer.build) return cached.index;
  let json: string;
  try {
    json = (await objects.get(pointer.objectKey)).toString('utf8');
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return cached?.index ?? null;
    throw error;
  }
  const index = MiniSearch.loadJSON<IndexedArticle>(json, OPTIONS);
  if (loaded.size >= MAX_CACHED_ORGS) loaded.delete(loaded.keys().next().value!);
  loaded.set(orgId, { build: pointer.build, index });
  return index;
}

/**
 * Ranked published articles for a query, from the index (never the table): `public` readers
 * get public articles only, staff public and internal ones. Scores are MiniSearch's BM25+.
 */
export async function searchArticles(
  deps: Deps, objects: ObjectStore, orgId: string, query: string, options: { limit: number; audience: 'public' | 'staff' },
): Promise<KbHit[]> {
  const index = await currentIndex(deps, objects, orgId);
  if (!index) return [];
  const hits = index.search(query, {
    filter: (result) => options.audience === 'staff' || result.audience === 'public',
    combineWith: 'OR',
  });
  return hits.slice(0, options.limit).map((hit) => ({
    id: String(hit.id), title: String(hit.title), score: Math.round(hit.score * 1000) / 1000, audience: hit.audience as KbHit['audience'],
    snippet: String(hit.snippet ?? ''),
  }));
}
