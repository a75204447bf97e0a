/**
 * Retries an assertion until it passes: for effects that travel through the stream and the bus.
 * The whole e2e suite shares one runtime on two cores, so its event pump can run far behind:
 * wait long, and poll gently (every poll is a request that competes with the pump).
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 45_000, intervalMs = 250): Promise<T> {
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
