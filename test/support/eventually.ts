/**
 * How long to wait for an effect that travels through the stream and the bus (consumer effects,
 * dev event log entries, mails, WebSocket frames, schedules, index rebuilds, queue jobs): the whole
 * e2e suite shares one runtime on two cores, beside the other test projects, and its event pump
 * can run tens of seconds behind. A ceiling only: a passing wait returns as soon as it passes.
 */
export const EVENT_WAIT_MS = 120_000;

/**
 * Retries an assertion until it passes: for effects that travel through the stream and the bus.
 * The whole e2e suite shares one runtime on two cores, so its event pump can run far behind:
 * wait long, and poll gently (every poll is a request that competes with the pump).
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = EVENT_WAIT_MS, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
