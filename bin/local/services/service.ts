import type { DynamoClients } from '../../../functions/adapters/dynamodb-clients';
import type { Runtime } from '../../../functions/runtime';
import type { LocalConnectionPoster } from '../adapters/local-connection-poster';
import type { LocalWorld } from '../local-world';
import type { EventPump } from '../event-pump';
import type { LocalTokens } from '../local-tokens';

/** What the local runtime hands each feature's stand-in when it starts. */
export interface LocalServiceContext {
  rootDir: string;
  dataDir: string;
  tableName: string;
  dynamoEndpoint: string;
  clients: DynamoClients;
  /** The stand-ins by their concrete types. */
  world: LocalWorld;
  /** What the handlers run on (the same instances, as ports). */
  runtime: Runtime;
  /** Bound by the realtime service once its WebSocket server listens. */
  connections: LocalConnectionPoster;
  pump: EventPump;
  tokens: LocalTokens;
  /** The HTTP gateway's base URL (the API), e.g. http://127.0.0.1:3000. */
  httpUrl: string;
  /** The runtime.json facts of the services started before this one (e.g. wsUrl for the console). */
  earlier?: Record<string, unknown>;
}

export interface RunningService {
  /** Facts added to `.local/runtime.json` (e.g. wsUrl, smtpPort). Never rename what is there. */
  contract?: Record<string, unknown>;
  /** Lines for the start-up banner. */
  banner?: string[];
  /**
   * Background work (timers) rather than intake (HTTP, WebSocket, SMTP): stopped after intake
   * closed and before the event pump and queues drain. Intake is stopped first, newest first.
   */
  background?: boolean;
  stop(): Promise<void>;
}

/** A feature's local stand-in (scheduler, WebSocket server, SMTP server, ...). */
export interface LocalService {
  name: string;
  start(context: LocalServiceContext): Promise<RunningService>;
}
