import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoClients {
  client: DynamoDBClient;
  document: DynamoDBDocumentClient;
}

/**
 * The container's DynamoDB clients. With an endpoint (DynamoDB Local) the SDK still wants a
 * region and some credentials to sign with.
 */
export function createDynamoClients(options: { endpoint?: string; region?: string } = {}): DynamoClients {
  const client = options.endpoint
    ? new DynamoDBClient({
        endpoint: options.endpoint,
        region: options.region ?? 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 5,
      })
    : new DynamoDBClient({});
  const document = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { client, document };
}
