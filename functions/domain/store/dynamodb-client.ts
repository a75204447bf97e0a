import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config';

export interface DynamoClients {
  client: DynamoDBClient;
  document: DynamoDBDocumentClient;
}

/** One client per container. Locally DynamoDB Local still wants a region and some credentials. */
export function createDynamoClients(endpoint = config().DYNAMODB_ENDPOINT): DynamoClients {
  const client = endpoint
    ? new DynamoDBClient({
        endpoint,
        region: config().AWS_REGION,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 5,
      })
    : new DynamoDBClient({});
  const document = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { client, document };
}
