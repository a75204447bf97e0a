import type { LocalDeadLetters } from './adapters/dead-letters';
import type { EventRetries } from './adapters/event-retries';
import type { LocalAttachmentStore } from './adapters/local-attachment-store';
import type { LocalClock } from './adapters/local-clock';
import type { localEventLog } from './adapters/event-log';
import type { LocalGraphApi } from './adapters/local-graph-api';
import type { LocalMailSender } from './adapters/local-mail-sender';
import type { LocalObjectStore } from './adapters/local-object-store';
import type { LocalQueues } from './adapters/local-queues';
import type { LocalScheduler } from './adapters/local-scheduler';

/**
 * The local stand-ins by their concrete types, for what only the local runtime does with them:
 * advance the clock, drain queues, read the outbox, list pending timers (the dev routes, the
 * services). Handlers see the same instances only as the domain's ports.
 */
export interface LocalWorld {
  dataDir: string;
  clock: LocalClock;
  queues: LocalQueues;
  scheduler: LocalScheduler;
  outbox: LocalMailSender;
  objects: LocalObjectStore;
  events: typeof localEventLog;
  /** Bus deliveries waiting for their next try, and those given up on. */
  eventRetries: EventRetries;
  deadLetters: LocalDeadLetters;
  /** Meta's Graph API: what was sent to WhatsApp/Instagram customers. */
  graph: LocalGraphApi;
  /** Bound to the S3 stand-in by the attachments service. */
  attachments: LocalAttachmentStore;
}

let world: LocalWorld | undefined;

export function setLocalWorld(next: LocalWorld): void {
  world = next;
}

/** @throws outside the local runtime. */
export function localWorld(): LocalWorld {
  if (!world) throw new Error('the local runtime has not started');
  return world;
}
