/**
 * Mergeable duration histograms with fixed log-spaced buckets: four buckets per doubling
 * (each edge 2^(1/4) ≈ 1.19 times the one below), so a bucket spans at most ~19 % of its value.
 * Bucket 0 holds [0, 1 s); bucket i (1 ≤ i < LAST) holds [2^((i-1)/4), 2^(i/4)) seconds;
 * the last bucket, LAST = 101, holds everything from 2^25 s (about 388 days) up.
 * Because the edges never change, histograms of any days and any lines add bucket by bucket,
 * and a percentile over any range comes from the summed buckets.
 */
export const BUCKETS_PER_DOUBLING = 4;
export const LAST_BUCKET = 101;

export type Buckets = Record<number, number>;

/** The bucket of a duration in seconds. Negative or non-finite durations fall in bucket 0. */
export function bucketOf(seconds: number): number {
  if (!(seconds >= 1)) return 0;
  const index = Math.floor(BUCKETS_PER_DOUBLING * Math.log2(seconds) + 1e-9) + 1;
  return Math.min(LAST_BUCKET, index);
}

/** The lower edge of a bucket, in seconds (inclusive). */
export const lowerEdge = (bucket: number): number => (bucket <= 0 ? 0 : 2 ** ((bucket - 1) / BUCKETS_PER_DOUBLING));

/** The upper edge of a bucket, in seconds (exclusive); Infinity for the last. */
export const upperEdge = (bucket: number): number => (bucket >= LAST_BUCKET ? Infinity : 2 ** (bucket / BUCKETS_PER_DOUBLING));

/** What a bucket stands for in a percentile: its geometric middle (0.5 s for bucket 0, the lower edge for the last). */
export function representative(bucket: number): number {
  if (bucket <= 0) return 0.5;
  if (bucket >= LAST_BUCKET) return lowerEdge(bucket);
  return 2 ** ((bucket - 0.5) / BUCKETS_PER_DOUBLING);
}

/** Adds `b` into `a` bucket by bucket (a new object). */
export function mergeBuckets(a: Buckets, b: Buckets): Buckets {
  const out: Buckets = { ...a };
  for (const [key, count] of Object.entries(b)) out[Number(key)] = (out[Number(key)] ?? 0) + count;
  return out;
}

/**
 * The q-quantile (0 < q ≤ 1) of the values counted in `buckets`, by nearest rank (the
 * ceil(q·n)-th smallest value), estimated as the representative of the bucket holding that
 * value: the exact value lies in the same bucket, so the estimate is within one bucket of it.
 * Rounded to 0.1 s. Null when nothing was counted.
 */
export function percentileOf(buckets: Buckets, q: number): number | null {
  const entries = Object.entries(buckets)
    .map(([key, count]) => [Number(key), count] as const)
    .filter(([, count]) => count > 0)
    .sort((x, y) => x[0] - y[0]);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bucket, count] of entries) {
    seen += count;
    if (seen >= rank) return Math.round(representative(bucket) * 10) / 10;
  }
  return Math.round(representative(entries[entries.length - 1][0]) * 10) / 10;
}
