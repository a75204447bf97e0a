/** Retries go on for at least this long after the first attempt of a run. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
/** A safety net on top of the window. */
export const MAX_ATTEMPTS = 40;
const BASE_SECONDS = 30;
const CAP_SECONDS = 4 * 3_600;

/**
 * Seconds to wait before retry number `retry` (1 = the first retry): 30 s doubling up to a 4 h
 * cap, with ±20 % jitter so endpoints that failed together do not retry together.
 */
export function backoffSeconds(retry: number, random: () => number = Math.random): number {
  const plain = Math.min(CAP_SECONDS, BASE_SECONDS * 2 ** Math.max(0, retry - 1));
  return Math.max(1, Math.round(plain * (0.8 + 0.4 * random())));
}

/** Whether a failed attempt ends the run: the 24 h window has passed or the attempts ran out. */
export const retriesExhausted = (runStartedAt: Date, now: Date, attemptsInRun: number) =>
  now.getTime() - runStartedAt.getTime() >= RETRY_WINDOW_MS || attemptsInRun >= MAX_ATTEMPTS;
