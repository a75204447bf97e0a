import { BUCKETS, bucketName } from './assist.entities';

/** A category's counts as the classifier reads them. */
export interface CategoryCounts {
  categoryId: string;
  docs: number;
  tokens: number;
  buckets: Map<number, number>;
}

/** Most distinct buckets one ticket teaches: keeps each learning write far below DynamoDB's expression limits. */
export const MAX_BUCKETS_PER_TICKET = 120;

/** FNV-1a: a stable, fast hash of a token into a vocabulary bucket. */
export function bucketOf(token: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
}

/** Bucket counts of a ticket's tokens, the most frequent first, at most MAX_BUCKETS_PER_TICKET. Pure. */
export function bucketCounts(tokens: readonly string[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const token of tokens) counts.set(bucketOf(token), (counts.get(bucketOf(token)) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1]).slice(0, MAX_BUCKETS_PER_TICKET));
}

/** The ADDs a learning write makes: one per bucket, plus the document and token totals. */
export function learningAdds(counts: Map<number, number>): Record<string, number> {
  const adds: Record<string, number> = { docs: 1, tokens: [...counts.values()].reduce((a, b) => a + b, 0) };
  for (const [bucket, n] of counts) adds[bucketName(bucket)] = n;
  return adds;
}

/** A stored model item as counts. */
export function countsOfItem(item: Record<string, unknown> & { categoryId: string; docs: number; tokens: number }): CategoryCounts {
  const buckets = new Map<number, number>();
  for (let i = 0; i < BUCKETS; i++) {
    const n = item[bucketName(i)];
    if (typeof n === 'number' && n > 0) buckets.set(i, n);
  }
  return { categoryId: item.categoryId, docs: item.docs, tokens: item.tokens, buckets };
}

/** Fewest categories with history before the classifier answers: with one, any answer is a guess. */
export const MIN_CATEGORIES = 2;

/**
 * Multinomial naive Bayes with Laplace smoothing over the hashed vocabulary: the posterior of
 * each category for these tokens, best first. Empty when fewer than MIN_CATEGORIES categories
 * have history or the text has no tokens: then there is nothing to suggest. Pure.
 */
export function classify(model: readonly CategoryCounts[], tokens: readonly string[]): { categoryId: string; probability: number }[] {
  const known = model.filter((c) => c.docs > 0);
  if (known.length < MIN_CATEGORIES || tokens.length === 0) return [];
  const totalDocs = known.reduce((sum, c) => sum + c.docs, 0);
  const vocabulary = new Set(known.flatMap((c) => [...c.buckets.keys()])).size || 1;
  const query = bucketCounts(tokens);
  // Tokens no category has ever seen carry no information: leave them out of every category alike.
  const seen = [...query].filter(([bucket]) => known.some((c) => c.buckets.has(bucket)));
  if (seen.length === 0) return [];
  const logs = known.map((c) => {
    let log = Math.log(c.docs / totalDocs);
    const denominator = c.tokens + vocabulary;
    for (const [bucket, n] of seen) log += n * Math.log(((c.buckets.get(bucket) ?? 0) + 1) / denominator);
    return { categoryId: c.categoryId, log };
  });
  const max = Math.max(...logs.map((l) => l.log));
  const exp = logs.map((l) => ({ categoryId: l.categoryId, weight: Math.exp(l.log - max) }));
  const sum = exp.reduce((a, b) => a + b.weight, 0);
  return exp.map((e) => ({ categoryId: e.categoryId, probability: e.weight / sum })).sort((a, b) => b.probability - a.probability);
}
