/** Latency statistics over samples in milliseconds. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
}

export const summarise = (samples: number[]): Summary => ({ n: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99) });

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs two operations alternately so both see the same machine load. */
export function sideBySide(n: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number[], number[]]> {
  return sideBySideAfter(n, async () => undefined, a, b);
}

/** Like sideBySide, with `prepare` awaited (untimed) before each operation. */
export async function sideBySideAfter(n: number, prepare: () => Promise<unknown>, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number[], number[]]> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < n; i++) {
    await prepare();
    as.push(await timed(a));
    await prepare();
    bs.push(await timed(b));
  }
  return [as, bs];
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
