import type { RuntimeContract } from '../bin/local/runtime';
import { type CapacityTotals, type Units, sumUnits, unitsBetween } from '../bin/local/capacity/meter';
import type { DevCapacity } from '../schemas/dev-capacity';
import type { BusEvent } from '../schemas/events';

type Capacity = DevCapacity & CapacityTotals;

/** Calls the bench's own polling makes (the dev routes) are not the system's work. */
export const isDevLabel = (label: string) => label.startsWith('dev:');

/** The runtime's work only: every label but the dev routes'. */
export function systemUnits(totals: CapacityTotals): Units {
  return sumUnits(Object.entries(totals.labels).filter(([label]) => !isDevLabel(label)).map(([, units]) => units));
}

/** The local runtime's capacity meter, read and set through its dev route (GET/POST /v1/dev/capacity). */
export function runtimeCapacity(contract: RuntimeContract) {
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${contract.httpUrl}${url}`, {
      method, headers: { authorization: `Bearer ${contract.tokens.admin}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<T>;
  };
  const read = () => call<Capacity>('GET', '/v1/dev/capacity');
  return {
    read,
    /** Transactions billed from their items' sizes (exact, two extra reads an item) or as Local reports them. */
    transactionImages: (on: boolean) => call<Capacity>('POST', '/v1/dev/capacity', { transactionImages: on }),
    /**
     * Waits until the runtime is done: no invocation running, no queued message, and neither the
     * system's DynamoDB calls nor (with `ticketId`) the ticket's delivered events moved for
     * `stableMs`; gives up after `capMs` (a busy machine gets the time it needs, up to there).
     * `ignoreQueued`: messages held in a queue's batching window do not count as work.
     * @returns the totals then, the ticket's events, and whether it settled before the cap.
     */
    async settled(options: { ticketId?: string; stableMs?: number; capMs?: number; ignoreQueued?: boolean } = {}) {
      const { stableMs = 2_000, capMs = 120_000, ignoreQueued = false } = options;
      const started = Date.now();
      let last = '';
      let since = Date.now();
      for (;;) {
        const capacity = await read();
        const events = options.ticketId
          ? (await call<{ items: BusEvent[] }>('GET', `/v1/dev/events?ticketId=${options.ticketId}`)).items
          : [];
        const system = systemUnits(capacity);
        const queued = ignoreQueued ? 0 : capacity.queued;
        const signature = JSON.stringify([system.calls, system.invocations, events.length, capacity.inFlight, queued]);
        const idle = capacity.inFlight === 0 && queued === 0;
        if (signature !== last || !idle) [last, since] = [signature, Date.now()];
        else if (Date.now() - since >= stableMs) {
          // A delivery waiting for its retry is not waited for (its backoff can be minutes): said, not hidden.
          if (capacity.retrying) console.error(`settled with ${capacity.retrying} bus deliveries waiting for a retry: their units are not in`);
          return { capacity, events, settled: true, waitedMs: Date.now() - started };
        }
        if (Date.now() - started > capMs) return { capacity, events, settled: false, waitedMs: Date.now() - started };
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  };
}

/** What the runtime did between two readings, without the dev routes' own calls. */
export function systemWorkBetween(before: CapacityTotals, after: CapacityTotals): CapacityTotals {
  const all = unitsBetween(before, after);
  const labels = Object.fromEntries(Object.entries(all.labels).filter(([label]) => !isDevLabel(label)));
  const commands = Object.fromEntries(Object.entries(all.commands ?? {}).filter(([key]) => !isDevLabel(key)));
  return { total: sumUnits(Object.values(labels)), labels, commands };
}
