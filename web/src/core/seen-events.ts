import type { ServerFrame } from './types';

/** How many event ids a tab remembers: far more than arrive between an event and its redelivery. */
export const SEEN_EVENTS_CAPACITY = 500;

/** The performance mark a tab leaves for each copy it drops (`detail: { id, type }`). */
export const REPEAT_DROPPED_MARK = 'realtime-repeat-dropped';

/** The event id of a ticket event frame (`ticket.*`, `data.id`); undefined for every other frame. */
export function eventIdOf(frame: ServerFrame): string | undefined {
  if (typeof frame?.type !== 'string' || !frame.type.startsWith('ticket.')) return undefined;
  const id = (frame.data as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * The ticket events a tab has taken, by event id. The server delivers ticket events at least once
 * (a redelivered bus event, a broadcast retried after it failed mid-way, posts the same frame
 * again); a frame whose id is here is a repeat and is dropped before any listener sees it, so a
 * duplicate never adds a second toast, message or count. Bounded: the oldest id goes first once
 * `capacity` are kept. Signals (presence, typing, read, …) carry no event id and always pass.
 */
export class SeenEvents {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = SEEN_EVENTS_CAPACITY) {}

  /** Whether the frame repeats a ticket event already taken; a new one is remembered. */
  repeats(frame: ServerFrame): boolean {
    const id = eventIdOf(frame);
    if (id === undefined) return false;
    if (this.ids.has(id)) return true;
    this.ids.add(id);
    // A Set iterates in insertion order: the first is the oldest.
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
    return false;
  }

  get size(): number {
    return this.ids.size;
  }
}
