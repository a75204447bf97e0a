import { type ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import type { ConnectionPoster, PostOutcome } from '../domain/ports/connection-poster';
import type { ServerFrame } from '../../schemas/realtime';

/** Posts in flight at once: enough to fill a Lambda's sockets, few enough that one slow peer holds nobody. */
export const FAN_OUT_CONCURRENCY = 16;

/** The `@connections` API through the real SDK client: API Gateway's in AWS, the local WebSocket server's locally. */
export class ApiGatewayConnectionPoster implements ConnectionPoster {
  constructor(private readonly client: ApiGatewayManagementApiClient) {}

  post(posts: readonly { connectionId: string; frame: ServerFrame }[]): Promise<PostOutcome> {
    return postFrames(this.client, posts);
  }
}

/**
 * Posts each frame to its connection with at most `concurrency` posts in flight: a worker pool,
 * so a slow connection occupies one worker while the others go on through the list.
 */
export async function postFrames(
  client: ApiGatewayManagementApiClient,
  posts: readonly { connectionId: string; frame: ServerFrame }[],
  concurrency = FAN_OUT_CONCURRENCY,
): Promise<PostOutcome> {
  const outcome: PostOutcome = { sent: 0, gone: [], failed: [] };
  let next = 0;
  const worker = async () => {
    while (next < posts.length) {
      const { connectionId, frame } = posts[next++];
      try {
        await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from(JSON.stringify(frame)) }));
        outcome.sent++;
      } catch (error) {
        if (isGone(error)) outcome.gone.push(connectionId);
        else outcome.failed.push({ connectionId, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, posts.length) }, worker));
  return outcome;
}

export function isGone(error: unknown): boolean {
  return error instanceof GoneException
    || (error as { name?: string })?.name === 'GoneException'
    || (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 410;
}
