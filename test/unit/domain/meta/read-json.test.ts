import { describe, expect, it } from 'vitest';
import { nestedDeeperThan } from '../../../../functions/domain/meta/read-json';

describe('nestedDeeperThan', () => {
  it('measures objects and arrays alike, without recursion', () => {
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
    expect(nestedDeeperThan('text', 0)).toBe(false);
    // Deep enough that a recursive walk (or JSON.stringify) would overflow the stack.
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(nestedDeeperThan(deep, 64)).toBe(true);
  });
});
