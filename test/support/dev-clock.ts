import { expect } from 'vitest';

/**
 * A duration, in seconds, that spans dev-clock moves of `movedSeconds` in all: the local clock
 * also runs in real time between the moves, and on a busy machine the requests in between take
 * seconds, so the duration is the moves plus a little (at most two minutes), never less.
 */
export function expectMovedBy(actualSeconds: number, movedSeconds: number): void {
  expect(actualSeconds >= movedSeconds && actualSeconds < movedSeconds + 120, `${actualSeconds} s for ${movedSeconds} s moved`).toBe(true);
}
