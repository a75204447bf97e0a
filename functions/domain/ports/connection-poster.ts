import type { ServerFrame } from '../../../schemas/realtime';

export interface PostOutcome {
  sent: number;
  /** Connections the gateway no longer knows (410 Gone): the caller removes them. */
  gone: string[];
  /** Other failures (throttling, timeouts): logged, not retried, so nobody gets a frame twice. */
  failed: { connectionId: string; error: unknown }[];
}

/** Posts frames to WebSocket connections (API Gateway's `@connections`, locally the same API). */
export interface ConnectionPoster {
  post(posts: readonly { connectionId: string; frame: ServerFrame }[]): Promise<PostOutcome>;
}
