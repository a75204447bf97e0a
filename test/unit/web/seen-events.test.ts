import { describe, expect, it } from 'vitest';
import { SEEN_EVENTS_CAPACITY, SeenEvents, eventIdOf } from '../../../web/src/core/seen-events';
import type { ServerFrame } from '../../../web/src/core/types';

const ticketEvent = (id: string, type = 'ticket.message.added', ticketVersion = 2): ServerFrame =>
  ({ type, data: { id, type, ticketId: 't1', ticketVersion, ticket: { version: ticketVersion } } });

/** The frames the listeners get: what the tab's Realtime hands on after SeenEvents. */
const delivered = (seen: SeenEvents, frames: ServerFrame[]) => frames.filter((f) => !seen.repeats(f));

describe('the console drops a ticket event delivered again (delivery is at least once)', () => {
  it('passes the first frame of an event and drops each repeat of its id, whatever came between', () => {
    const seen = new SeenEvents();
    const a = ticketEvent('01A');
    const b = ticketEvent('01B', 'ticket.created', 1);
    expect(delivered(seen, [a, b, ticketEvent('01A'), b, a])).toEqual([a, b]);
  });

  it('keys on the event id alone: two events of one transaction share a ticket version and both pass', () => {
    const seen = new SeenEvents();
    const statusChanged = ticketEvent('01C', 'ticket.status.changed', 7);
    const closed = ticketEvent('01D', 'ticket.closed', 7);
    expect(delivered(seen, [statusChanged, closed, closed])).toEqual([statusChanged, closed]);
  });

  it('lets every signal through: presence, typing, read, subscribed, pong carry no event id', () => {
    const seen = new SeenEvents();
    const signals: ServerFrame[] = [
      { type: 'typing', data: { ticketId: 't1', userId: 'u1', state: 'start' } },
      { type: 'typing', data: { ticketId: 't1', userId: 'u1', state: 'start' } },
      { type: 'presence', data: { ticketId: 't1', viewers: [] } },
      { type: 'subscribed', data: { topic: 'tickets' } },
      { type: 'subscribed', data: { topic: 'tickets' } },
      { type: 'pong', data: { connectionId: 'c1' } },
      { type: 'error', data: { id: 'x', code: 'internal' } },
    ];
    expect(delivered(seen, signals)).toEqual(signals);
    expect(seen.size).toBe(0);
  });

  it('passes a ticket frame without a usable id, and reads only ticket events\' ids', () => {
    expect(eventIdOf({ type: 'ticket.updated', data: {} })).toBeUndefined();
    expect(eventIdOf({ type: 'ticket.updated', data: { id: '' } })).toBeUndefined();
    expect(eventIdOf({ type: 'ticket.updated', data: { id: 42 } })).toBeUndefined();
    expect(eventIdOf(null as unknown as ServerFrame)).toBeUndefined();
    expect(eventIdOf(ticketEvent('01E'))).toBe('01E');
    const seen = new SeenEvents();
    const idless = { type: 'ticket.updated', data: { ticketId: 't1' } };
    expect(delivered(seen, [idless, idless])).toEqual([idless, idless]);
  });

  it('remembers the last ids only: bounded memory, the oldest forgotten first', () => {
    const seen = new SeenEvents(3);
    expect(delivered(seen, ['1', '2', '3', '4'].map((id) => ticketEvent(id)))).toHaveLength(4);
    expect(seen.size).toBe(3);
    // 1 went out when 4 came in; 2, 3, 4 are still known (and 1, taken again, evicts 2).
    expect(delivered(seen, ['4', '3', '2'].map((id) => ticketEvent(id)))).toEqual([]);
    expect(delivered(seen, [ticketEvent('1')]).map(eventIdOf)).toEqual(['1']);
    expect(delivered(seen, [ticketEvent('2')]).map(eventIdOf)).toEqual(['2']);
  });

  it('keeps at most 500 ids by default, however many events a long session takes', () => {
    const seen = new SeenEvents();
    for (let i = 0; i < 5 * SEEN_EVENTS_CAPACITY; i++) seen.repeats(ticketEvent(`e${i}`));
    expect(SEEN_EVENTS_CAPACITY).toBe(500);
    expect(seen.size).toBe(SEEN_EVENTS_CAPACITY);
    const last = 5 * SEEN_EVENTS_CAPACITY - 1;
    expect(seen.repeats(ticketEvent(`e${last}`))).toBe(true);
    expect(seen.repeats(ticketEvent(`e${last - SEEN_EVENTS_CAPACITY + 1}`))).toBe(true);
    expect(seen.repeats(ticketEvent(`e${last - SEEN_EVENTS_CAPACITY}`))).toBe(false); // forgotten: taken as new
  });
});
