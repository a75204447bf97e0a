import type { KbHit } from '../../../schemas/kb';
import { NotFoundError } from '../errors';
import { RateLimitedError } from '../intake/errors';
import { hourWindowOf } from '../intake/rate-limits';
import { webFormBySlug } from '../intake/web-forms';
import type { ObjectStore } from '../ports/object-store';
import type { Deps } from '../store/store';
import type { KbArticle } from './kb.entities';
import { maySeeArticle } from './article-views';
import { searchArticles } from './search-index';

/** Public calls per IP and hour: searches as a customer types, and deflections. */
export const PUBLIC_LIMITS = { search: 600, deflection: 60 } as const;

/** One atomic ADD on the IP's window item; past the limit a 429 with Retry-After. */
async function takePublicCall(deps: Deps, orgId: string, kind: keyof typeof PUBLIC_LIMITS, ip: string): Promise<void> {
  const { window, secondsLeft, expiresAt } = hourWindowOf(deps.now());
  const { data } = await deps.store.entities.kbRate
    .update({ orgId, subject: `${kind}:${ip}`, window })
    .add({ count: 1 })
    .set({ ttl: expiresAt })
    .go({ response: 'updated_new' });
  if ((data.count ?? 0) > PUBLIC_LIMITS[kind]) throw new RateLimitedError('ip', PUBLIC_LIMITS[kind], secondsLeft);
}

/** Published public articles matching a query, for anyone with the organization's public slug. @throws NotFoundError, RateLimitedError */
export async function publicSearch(
  deps: Deps, objects: ObjectStore, slug: string, query: string, limit: number, ip: string,
): Promise<KbHit[]> {
  const { orgId } = await webFormBySlug(deps, slug);
  await takePublicCall(deps, orgId, 'search', ip);
  return searchArticles(deps, objects, orgId, query, { limit, audience: 'public' });
}

/** A published public article behind a public slug. @throws NotFoundError (also for drafts and internal ones: no probing) */
export async function publicArticle(deps: Deps, slug: string, articleId: string): Promise<KbArticle> {
  const { orgId } = await webFormBySlug(deps, slug);
  const { data } = await deps.store.entities.kbArticle.get({ orgId, articleId }).go();
  if (!data || !maySeeArticle('public', data)) throw new NotFoundError('article', articleId);
  return data;
}

export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Counts a deflection: a customer opened this article from the form and left without
 * submitting. One ADD on the organization's counter of the day (UTC).
 * @throws NotFoundError (unknown slug or article that is not public), RateLimitedError
 */
export async function recordDeflection(deps: Deps, slug: string, articleId: string, ip: string): Promise<void> {
  const article = await publicArticle(deps, slug, articleId);
  await takePublicCall(deps, article.orgId, 'deflection', ip);
  await deps.store.entities.kbDeflection.update({ orgId: article.orgId, day: dayOf(deps.now()) }).add({ count: 1 }).go();
}

/** Deflections per day between two UTC days (default the last 30), one Query of the counters. */
export async function deflectionsOf(deps: Deps, orgId: string, range: { from?: string; to?: string }) {
  const to = range.to ?? dayOf(deps.now());
  const from = range.from ?? dayOf(new Date(deps.now().getTime() - 29 * 86_400_000));
  // A `from` after the default `to` (today) is a range with no day in it; DynamoDB refuses a
  // BETWEEN whose bounds are reversed (a ValidationException, a 500) rather than answer nothing.
  if (from > to) return { total: 0, days: [] };
  const { data } = await deps.store.entities.kbDeflection.query.byOrg({ orgId }).between({ day: from }, { day: to }).go({ pages: 'all' });
  const days = data.map((d) => ({ day: d.day, count: d.count })).sort((a, b) => a.day.localeCompare(b.day));
  return { total: days.reduce((sum, d) => sum + d.count, 0), days };
}
