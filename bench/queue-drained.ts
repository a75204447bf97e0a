import { readFileSync } from 'node:fs';

/** Resolves once the local queue's file holds no message (the runtime's worker consumed them all). */
export async function queueDrained(queueFile: string, name: string): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    let pending = 1;
    try {
      pending = (JSON.parse(readFileSync(queueFile, 'utf8')) as unknown[]).length;
    } catch {
      // mid-rename or not yet created: look again
    }
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`the ${name} queue did not drain in 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
