/**
 * How the local runtime retries a consumer that failed (a bus rule target, a timer): with
 * exponential backoff on the runtime's clock, long enough to outlive a dependency's outage
 * (DynamoDB Local restarting, a mail server down) instead of three quick tries. What still
 * fails after `giveUpAfterMs` goes to a dead-letter place (`GET /v1/dev/dead-letters`).
 * EventBridge retries a target for up to 24 h and Scheduler for up to 24 h too; locally
 * minutes are enough and a developer can replay what was set aside.
 */
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  giveUpAfterMs: number;
}

export const LOCAL_RETRY: RetryPolicy = { firstDelayMs: 1_000, maxDelayMs: 60_000, giveUpAfterMs: 15 * 60_000 };

/**
 * When to try again after the `attempts`-th failure (1-based), or undefined when the failures
 * have lasted longer than the policy allows: then the work is dead-lettered.
 */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, firstFailedAt: Date, now: Date): Date | undefined {
  if (now.getTime() - firstFailedAt.getTime() >= policy.giveUpAfterMs) return undefined;
  const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + delay);
}
