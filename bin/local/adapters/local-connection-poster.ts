import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { ApiGatewayConnectionPoster } from '../../../functions/adapters/connection-poster.apigw';
import type { ConnectionPoster, PostOutcome } from '../../../functions/domain/ports/connection-poster';
import type { ServerFrame } from '../../../schemas/realtime';

/**
 * The real `@connections` client, pointed at the local WebSocket server once it listens (the
 * realtime service binds it); it still wants a region and some credentials to sign with.
 */
export class LocalConnectionPoster implements ConnectionPoster {
  private poster?: ApiGatewayConnectionPoster;
  private client?: ApiGatewayManagementApiClient;

  bind(endpoint: string): void {
    this.client?.destroy();
    this.client = new ApiGatewayManagementApiClient({
      endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1,
    });
    this.poster = new ApiGatewayConnectionPoster(this.client);
  }

  post(posts: readonly { connectionId: string; frame: ServerFrame }[]): Promise<PostOutcome> {
    if (!this.poster) return Promise.reject(new Error('the local WebSocket gateway has not started'));
    return this.poster.post(posts);
  }

  close(): void {
    this.client?.destroy();
  }
}
