import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { config } from '../../config';
import { WEBSOCKET_MANAGEMENT_ENDPOINT_ENV } from '../../manifest/features/realtime';

let client: ApiGatewayManagementApiClient | undefined;

/**
 * The `@connections` client, once per container. The endpoint comes from the environment: the
 * API's stage URL in AWS, the local WebSocket server's URL locally (it answers the same API,
 * so the real client runs unchanged there; it wants a region and some credentials to sign).
 * Created on first use: the local runtime sets the endpoint after handler modules may load.
 */
export function managementClient(): ApiGatewayManagementApiClient {
  if (client) return client;
  const endpoint = process.env[WEBSOCKET_MANAGEMENT_ENDPOINT_ENV];
  if (!endpoint) throw new Error(`${WEBSOCKET_MANAGEMENT_ENDPOINT_ENV} is not set`);
  client = config().HELPDESK_RUNTIME === 'local'
    ? new ApiGatewayManagementApiClient({
        endpoint, region: config().AWS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1,
      })
    : new ApiGatewayManagementApiClient({ endpoint, maxAttempts: 2 });
  return client;
}

/** For tests and the local runtime, which may move the endpoint. */
export function resetManagementClient(): void {
  client?.destroy();
  client = undefined;
}
