import type { ManifestRuleSpec, FunctionSpec, HttpGroupSpec, HttpRouteSpec, QueueSpec } from '../spec';
import type { QueueName } from '../queue-names';

/** The realtime feature's routes, handler groups, bus rules and queues. */
export const REALTIME_GROUPS = {} as const satisfies Record<string, HttpGroupSpec>;
export const REALTIME_ROUTES = [] as const satisfies readonly HttpRouteSpec[];

/** How long API Gateway keeps a WebSocket connection open at most; connection items expire with it. */
export const CONNECTION_TTL_SECONDS = 2 * 60 * 60;

export const REALTIME_BROADCAST_ENTRY = 'functions/handlers/events/realtime-broadcast.ts';

export const REALTIME_RULES: readonly ManifestRuleSpec[] = [
  {
    name: 'realtime-broadcast',
    description: 'Posts every ticket event to the WebSocket connections subscribed to its rooms',
    detailTypes: '*',
    // Every event: each is a frame some subscriber may want. By construction, as a contract:
    // delivery to clients is at least once. A record would not even prevent duplicate frames in
    // the case that matters most: an invocation that fails mid-fan-out is retried and posts
    // again to the connections it already reached. So clients must tolerate duplicates anyway:
    // every frame carries the event's id (`data.id`) and the ticket's version
    // (`data.ticketVersion`), and a client drops an id it has seen (web/src/core/seen-events.ts).
    // No record, then: it cost 2 WCU on every ticket event (test/e2e/realtime-redelivery.test.ts
    // redelivers an event and gets the frame twice, with the same id, and no record).
    target: { kind: 'function', dedupe: 'by-construction', entry: REALTIME_BROADCAST_ENTRY, memoryMb: 512, timeoutSeconds: 30, needs: ['websocket-post'] },
  },
];
export const REALTIME_QUEUES = {} as const satisfies Partial<Record<QueueName, QueueSpec>>;

/**
 * One WebSocket route: API Gateway's route key and the function that handles it. The CDK
 * construct makes the routes and functions from this list; the local WebSocket server turns
 * connects, frames and disconnects into events for the same handlers.
 */
export interface WebSocketRouteSpec extends FunctionSpec {
  routeKey: '$connect' | '$disconnect' | '$default';
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** The handler's return value goes back to the caller (a two-way route). */
  returnResponse?: boolean;
}

/**
 * `$connect` verifies the token itself (see lib/constructs/websocket-api.ts for why there is
 * no Lambda authorizer); every client action goes to `$default`, which answers unknown or
 * malformed frames with an `error` frame instead of API Gateway's own reply.
 */
export const WS_ROUTES = [
  { routeKey: '$connect', entry: 'functions/handlers/ws/connect.ts', description: 'verifies the token, records the connection', memoryMb: 512, timeoutSeconds: 10 },
  { routeKey: '$disconnect', entry: 'functions/handlers/ws/disconnect.ts', description: 'removes the connection and its subscriptions', memoryMb: 256, timeoutSeconds: 10, needs: ['websocket-post'] },
  { routeKey: '$default', entry: 'functions/handlers/ws/actions.ts', description: 'subscribe, unsubscribe, typing, viewing, read, ping', memoryMb: 512, timeoutSeconds: 10, returnResponse: true, needs: ['websocket-post'] },
] as const satisfies readonly WebSocketRouteSpec[];
export type WsRouteKey = (typeof WS_ROUTES)[number]['routeKey'];
