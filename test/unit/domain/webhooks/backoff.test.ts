import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, RETRY_WINDOW_MS, backoffSeconds, retriesExhausted } from '../../../../functions/domain/webhooks/backoff';
import { queueDelaySeconds } from '../../../../functions/domain/webhooks/delivery-message';

describe('the retry schedule', () => {
  it('doubles from 30 s up to a 4 h cap', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((retry) => backoffSeconds(retry, middle))).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3840, 7680, 14400, 14400, 14400,
    ]);
  });

  it('jitters by ±20 %', () => {
    expect(backoffSeconds(4, () => 0)).toBe(192);
    expect(backoffSeconds(4, () => 0.999999)).toBe(288);
  });

  it('keeps retrying for at least 24 h even with the shortest jitter', () => {
    const start = new Date('2026-11-22T00:00:00Z');
    let at = start.getTime();
    let retry = 0;
    while (!retriesExhausted(start, new Date(at), retry + 1)) {
      retry += 1;
      at += backoffSeconds(retry, () => 0) * 1000;
    }
    expect(at - start.getTime()).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect(retry + 1).toBeLessThan(MAX_ATTEMPTS);
  });

  it('splits long waits into SQS-sized delays', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    expect(queueDelaySeconds(new Date(now.getTime() + 7_200_000), now)).toBe(900);
    expect(queueDelaySeconds(new Date(now.getTime() + 120_500), now)).toBe(121);
    expect(queueDelaySeconds(new Date(now.getTime() - 5_000), now)).toBe(0);
  });
});
