import type { Deps, Store } from '../store/store';
import { ticketCounterName } from './numbering';

/** A block of ticket numbers taken from the counter in one ADD, handed out by this container. */
interface Block {
  /** The next number to hand out; past `last` the block is used up. */
  next: number;
  last: number;
  /** How many numbers the block held, and when it was taken: the next block's size follows. */
  size: number;
  takenAt: number;
  /** A refill in flight: every create that finds the block empty waits for the same one. */
  refill?: Promise<void>;
  /** Creates waiting for that refill: the next block is at least that large. */
  waiting: number;
}

/** The largest block; also the most numbers a recycled container can leave unused. */
export const MAX_BLOCK = 32;
/** A block used up within this time doubles the next one; one used more slowly halves it. */
export const GROW_WINDOW_MS = 60_000;

/** One allocator per store, so per container (and a test's fresh store gets its own). */
const blocksByStore = new WeakMap<Store, Map<string, Block>>();

/**
 * The next number of the organization's yearly sequence, without a round trip for most creates.
 *
 * The counter item is moved by atomic ADD as before, but by a block of numbers at a time that
 * this container then hands out from memory. The block's size follows the organization's pace
 * here, as TCP's slow start does: a container's first create of an organization takes one number,
 * a block used up within a minute doubles the next (up to MAX_BLOCK, and at least as many as the
 * creates waiting for it), a block used more slowly halves it. So a quiet organization gets dense
 * numbers and pays the ADD per create, as before; a busy one pays it once per block, and its
 * counter item is written once per block instead of once per create (no hot key in a burst).
 *
 * What this costs, and why it is acceptable for a human-friendly reference: numbers stay unique
 * (every block comes from an atomic ADD) and increase within a container, but two containers
 * serving the same organization hand out interleaved blocks, so across containers a later ticket
 * can carry a lower number; and a container that is recycled leaves the rest of its block unused
 * (at most MAX_BLOCK − 1 numbers, only for an organization creating that fast). A number taken
 * by a create that then fails is skipped, as before.
 */
export async function nextTicketSequence(deps: Deps, orgId: string, year: number): Promise<number> {
  let blocks = blocksByStore.get(deps.store);
  if (!blocks) blocksByStore.set(deps.store, (blocks = new Map()));
  const key = `${orgId}#${year}`;
  let block = blocks.get(key);
  if (!block) blocks.set(key, (block = { next: 1, last: 0, size: 0, takenAt: 0, waiting: 0 }));
  for (;;) {
    if (block.next <= block.last) return block.next++;
    block.waiting += 1;
    if (!block.refill) block.refill = refill(deps, orgId, year, block).finally(() => (block.refill = undefined));
    try {
      await block.refill;
    } finally {
      block.waiting -= 1;
    }
  }
}

/**
 * Drops what this container holds of the organization's numbers: called when a number turned out
 * to be taken already (the counter item was restored or reset under a running container), so the
 * next create takes a fresh block past whatever the counter says now.
 */
export function forgetTicketNumbers(deps: Deps, orgId: string, year: number): void {
  blocksByStore.get(deps.store)?.delete(`${orgId}#${year}`);
}

async function refill(deps: Deps, orgId: string, year: number, block: Block): Promise<void> {
  const now = Date.now();
  const paced = block.size === 0 ? 1 : now - block.takenAt < GROW_WINDOW_MS ? block.size * 2 : Math.ceil(block.size / 2);
  // The creates already waiting when the ADD goes out, plus room for those arriving meanwhile.
  const size = Math.min(MAX_BLOCK, Math.max(paced, block.waiting));
  const { data } = await deps.store.entities.counter
    .update({ orgId, name: ticketCounterName(year) })
    .add({ value: size })
    .go({ response: 'updated_new' });
  const last = Number(data.value);
  Object.assign(block, { next: last - size + 1, last, size, takenAt: now });
}
