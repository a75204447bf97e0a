import type { BusEvent } from '../../../schemas/events';

const LIMIT = 5_000;
const events: BusEvent[] = [];

/** The local runtime's memory of delivered bus events (newest last), for tests and debugging. */
export const localEventLog = {
  record(event: BusEvent): void {
    events.push(event);
    if (events.length > LIMIT) events.splice(0, events.length - LIMIT);
  },
  list(filter: { type?: string; ticketId?: string; orgId: string }): BusEvent[] {
    return events.filter(
      (e) => e.detail.orgId === filter.orgId && (!filter.type || e['detail-type'] === filter.type) && (!filter.ticketId || e.detail.ticketId === filter.ticketId),
    );
  },
};
