import { describe, expect, it } from 'vitest';
import {
  BUCKETS_PER_DOUBLING, type Buckets, LAST_BUCKET, bucketOf, lowerEdge, mergeBuckets, percentileOf, representative, upperEdge,
} from '../../../../functions/domain/analytics/histogram';

/** Nearest-rank percentile of raw values: the exact answer the buckets estimate. */
const exact = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(q * values.length)) - 1];
const histogram = (values: number[]): Buckets => values.reduce<Buckets>((h, v) => mergeBuckets(h, { [bucketOf(v)]: 1 }), {});
/** A small seeded generator, so the property runs are repeatable. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

describe('log-spaced duration buckets', () => {
  it('have fixed edges: [0,1) s, then four per doubling up to 2^25 s', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(0.99)).toBe(0);
    expect(bucketOf(1)).toBe(1);
    expect(bucketOf(2)).toBe(1 + BUCKETS_PER_DOUBLING);
    expect(lowerEdge(1)).toBe(1);
    expect(upperEdge(1)).toBeCloseTo(2 ** 0.25);
    expect(bucketOf(600)).toBe(37); // [2^9, 2^9.25) = [512, 608.9)
    expect([lowerEdge(37), upperEdge(37)]).toEqual([512, 2 ** 9.25]);
    expect(bucketOf(2 ** 30)).toBe(LAST_BUCKET);
    expect(upperEdge(LAST_BUCKET)).toBe(Infinity);
    expect(bucketOf(-5)).toBe(0);
    expect(bucketOf(Number.NaN)).toBe(0);
  });

  it('put every value between its bucket\'s edges', () => {
    const next = rng(7);
    for (let i = 0; i < 5000; i++) {
      const value = 2 ** (next() * 26) - 1 + next();
      const bucket = bucketOf(value);
      expect(value).toBeGreaterThanOrEqual(lowerEdge(bucket) - 1e-9);
      if (bucket < LAST_BUCKET) expect(value).toBeLessThan(upperEdge(bucket) + 1e-9);
      expect(representative(bucket)).toBeGreaterThanOrEqual(lowerEdge(bucket));
    }
  });

  it('merge by adding counts bucket by bucket', () => {
    expect(mergeBuckets({ 1: 2, 5: 1 }, { 5: 3, 9: 1 })).toEqual({ 1: 2, 5: 4, 9: 1 });
    const values = [3, 50, 600, 601, 7200];
    expect(mergeBuckets(histogram(values.slice(0, 2)), histogram(values.slice(2)))).toEqual(histogram(values));
  });

  it('give percentiles within one bucket of the exact nearest-rank value, for any split into days', () => {
    const next = rng(42);
    for (let run = 0; run < 200; run++) {
      const n = 1 + Math.floor(next() * 300);
      const values = Array.from({ length: n }, () => Math.round(2 ** (next() * 20)));
      // Histograms of random "days", summed: the same as one histogram of everything.
      const days: number[][] = [[], [], []];
      for (const v of values) days[Math.floor(next() * 3)].push(v);
      const summed = days.map(histogram).reduce(mergeBuckets, {});
      for (const q of [0.5, 0.9, 0.99, 1]) {
        const truth = exact(values, q);
        const estimate = percentileOf(summed, q)!;
        const distance = Math.abs(bucketOf(estimate) - bucketOf(truth));
        expect(distance).toBeLessThanOrEqual(1);
        // Relative error stays under one bucket's width (2^(1/4) - 1 ≈ 19 %) above the first bucket.
        if (truth >= 1) expect(Math.abs(estimate - truth) / truth).toBeLessThan(2 ** (1 / BUCKETS_PER_DOUBLING) - 1);
      }
    }
  });

  it('answer null for an empty histogram and the bucket of the only value otherwise', () => {
    expect(percentileOf({}, 0.5)).toBeNull();
    expect(percentileOf({ 37: 0 }, 0.5)).toBeNull();
    expect(bucketOf(percentileOf(histogram([600]), 0.5)!)).toBe(bucketOf(600));
    expect(percentileOf(histogram([600, 1800]), 0.5)).toBe(percentileOf(histogram([600]), 0.5));
  });
});
