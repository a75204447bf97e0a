import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Deps } from '../../../../functions/domain/store/store';
import { GROW_WINDOW_MS, MAX_BLOCK, nextTicketSequence } from '../../../../functions/domain/tickets/number-blocks';

/** A counter that records each ADD's size, answering as DynamoDB's atomic ADD would. */
function counterDeps() {
  let value = 0;
  const adds: number[] = [];
  const store = {
    entities: {
      counter: {
        update: () => ({
          add: ({ value: by }: { value: number }) => ({
            go: async () => {
              await new Promise((resolve) => setTimeout(resolve, 1));
              adds.push(by);
              value += by;
              return { data: { value } };
            },
          }),
        }),
      },
    },
  };
  return { deps: { store, now: () => new Date(), newId: () => 'x' } as unknown as Deps, adds };
}

afterEach(() => vi.useRealTimers());

describe('nextTicketSequence (blocks of numbers, slow start)', () => {
  it('starts a container with a block of one and doubles while blocks are used up quickly, up to the cap', async () => {
    const { deps, adds } = counterDeps();
    const numbers = [];
    for (let i = 0; i < 100; i++) numbers.push(await nextTicketSequence(deps, 'org', 2026));
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(adds).toEqual([1, 2, 4, 8, 16, 32, MAX_BLOCK, MAX_BLOCK].slice(0, adds.length));
    expect(adds.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(100);
  });

  it('halves the next block when the last one lasted longer than the window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { deps, adds } = counterDeps();
    for (let i = 0; i < 7; i++) await nextTicketSequence(deps, 'org', 2026); // blocks 1, 2, 4
    vi.setSystemTime(Date.now() + GROW_WINDOW_MS + 1);
    await nextTicketSequence(deps, 'org', 2026);
    expect(adds).toEqual([1, 2, 4, 2]);
  });

  it('sizes a refill for the creates already waiting, and gives every one of them a distinct number', async () => {
    const { deps, adds } = counterDeps();
    await nextTicketSequence(deps, 'org', 2026);
    const numbers = await Promise.all(Array.from({ length: 32 }, () => nextTicketSequence(deps, 'org', 2026)));
    expect(new Set(numbers).size).toBe(32);
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 2));
    expect(adds.length).toBeLessThanOrEqual(3); // 1, then one block for the 32 waiting (capped), maybe one more
  });

  it('keeps separate blocks per organization and per year', async () => {
    const { deps } = counterDeps();
    await nextTicketSequence(deps, 'a', 2026);
    await nextTicketSequence(deps, 'a', 2026);
    // The fake counter is shared, so another org's or year's first number comes from a new ADD, not a's block.
    const b = await nextTicketSequence(deps, 'b', 2026);
    const next = await nextTicketSequence(deps, 'a', 2027);
    expect(b).toBe(4);
    expect(next).toBe(5);
  });
});
