import MiniSearch, { type Options } from 'minisearch';
import type { KbHit } from '../../../schemas/kb';
import type { ObjectStore } from '../ports/object-store';
import { ObjectNotFoundError } from '../ports/object-store';
import type { Deps } from '../store/store';
import { processTerm } from '../assist/text';
import type { KbArticle } from './kb.entities';

export interface IndexedArticle {
  id: string;
  title: string;
  text: string;
  tags: string;
  audience: KbArticle['audience'];
  snippet: string;
}

/** One definition for building and loading: fields, stemming, stop words. */
export const OPTIONS: Options<IndexedArticle> = {
  fields: ['title', 'text', 'tags'],
  storeFields: ['title', 'audience', 'snippet'],
  processTerm: (term) => processTerm(term) ?? null,
  searchOptions: { boost: { title: 3, tags: 2 }, prefix: (term) => term.length >= 4, fuzzy: (term) => (term.length >= 6 ? 0.15 : false) },
};

/** Where an organization's index builds live in the object store. */
export const indexKeyOf = (orgId: string, build: string) => `kb-index/${orgId}/${build}.json`;

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
