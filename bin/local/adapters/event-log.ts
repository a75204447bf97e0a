import type { BusEvent } from '../../../schemas/events';

const LIMIT = 5_000;
const events: BusEvent[] = [];
let redeliverer: ((event: BusEvent) => Promise<void>) | undefined;

/** The local runtime's memory of delivered bus events (newest last), for tests and debugging. */
export const localEventLog = {
  record(event: BusEvent): void {
    events.push(event);
    if (events.length > LIMIT) events.splice(0, events.length - LIMIT);
  },
  /** The local runtime's event pump registers how to deliver an event to its targets again. */
  onRedeliver(fn: (event: BusEvent) => Promise<void>): void {
    redeliverer = fn;
  },
  /** Delivers a past event (by its detail id, the activity id) again, as EventBridge's at-least-once may. */
  async redeliver(orgId: string, eventId: string): Promise<BusEvent | undefined> {
    const event = events.find((e) => e.detail.orgId === orgId && e.detail.id === eventId);
    if (!event || !redeliverer) return undefined;
    await redeliverer(event);
    return event;
  },
  list(filter: { type?: string; ticketId?: string; orgId: string }): BusEvent[] {
    return events.filter(
      (e) => e.detail.orgId === filter.orgId && (!filter.type || e['detail-type'] === filter.type) && (!filter.ticketId || e.detail.ticketId === filter.ticketId),
    );
  },
};
