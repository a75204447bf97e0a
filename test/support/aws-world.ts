/*
 * The world the AWS entry-point tests share: corpus payload lists by event kind, a table with an
 * organization and a mailbox, and the ports the handlers run on. Which function gets which AWS
 * event in AWS mode:
 * Which function gets which AWS event in AWS mode (functions/manifest + lib/ + the kit):
 *
 * | entry point (kit)                                   | AWS event                                                       | corpus files                                    |
 * | --------------------------------------------------- | --------------------------------------------------------------- | ----------------------------------------------- |
 * | handlers/http/** (routeGroup, http-route.ts)        | API Gateway HTTP API, payload v2.0, JWT authorizer (Cognito)    | apigw-v2-*, apiGatewayProxyV2*, apigw-http/*     |
 * | handlers/ws/connect, disconnect, actions (wsRoute)  | API Gateway WebSocket $connect / $disconnect / $default         | apigw-websocket-*, connectEvent, apigw-rest/websocket |
 * | handlers/sqs/email-inbound (sqsConsumer)            | SQS ← SNS (raw delivery off) ← SES receipt rule S3 action       | sqs*, snsSqs*, s3SqsEvent, sqs/sns-body, ses-*   |
 * | handlers/sqs/{analytics-export, bulk-jobs, kb-reindex, sla-policy-recompute, webhook-dispatcher, weekly-summary-schedule} (sqsConsumer) | SQS, our own JSON job messages | sqs* (foreign bodies) |
 * | handlers/sqs/stats-rollup (sqsBatchConsumer)        | SQS ← EventBridge rule target (the whole bus event as body)     | sqs*                                            |
 * | handlers/sqs/meta-inbound (sqsFifoConsumer)         | SQS FIFO (MessageGroupId per contact)                           | snsSqsFifoEvent, sqs*                            |
 * | handlers/events/stream-to-events (Pipe enrichment)  | DynamoDB stream records, as an array, from an EventBridge Pipe  | dynamodb* (unit test: test/unit/handlers/events/stream-to-events.test.ts) |
 * | handlers/events/** (busConsumer)                    | EventBridge events (our bus; rules match our detail-types)      | eventBridgeEvent, eventbridge/base, scheduled event, s3 EventBridge, ecr push |
 * | handlers/schedules/timer-fired (timerTarget)        | EventBridge Scheduler target: the schedule's Input verbatim     | scheduled event (closest shape; no Scheduler envelope exists) |
 * | handlers/url/meta-{whatsapp,instagram} (functionUrl)| Lambda Function URL (payload v2.0, no authorizer: Meta signs)   | lambda-urls-request, lambdaFunctionUrl*, lambda/* |
 *
 * No function is subscribed to S3 notifications directly (attachments are confirmed through the
 * API, inbound mail is announced by SES): an S3 notification that reaches a queue is a foreign
 * body there and is dropped with a logged reason.
 */
import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, inject } from 'vitest';
import { lambdaContext } from '../../bin/local/lambda-context';
import { localConfig } from '../../bin/local/local-root';
import { putMailbox } from '../../functions/domain/mail-channel/mailboxes';
import type { Ports } from '../../functions/domain/ports';
import type { Deps } from '../../functions/domain/store/store';
import { provideRuntime } from '../../functions/runtime';
import { corporaPresent, corpusPath } from './corpora';
import { integrationDeps, seedOrg } from './integration-store';
import { MemoryAttachmentStore } from './memory-attachment-store';
import { MemoryObjectStore } from './memory-object-store';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
export type AnyHandler = (event: unknown, context: Context) => Promise<unknown>;

export const json = <T = any>(rel: string): T => JSON.parse(readFileSync(corpusPath('aws', rel), 'utf8')) as T; // eslint-disable-line @typescript-eslint/no-explicit-any
export const ctx = (name: string) => lambdaContext(name, 10) as Context;
export const clone = <T>(value: T): T => structuredClone(value);
export const suite = describe.skipIf(!corporaPresent);

export const HTTP_V2 = [
  'aws-lambda-go/apigw-v2-custom-authorizer-v2-request.json', 'aws-lambda-go/apigw-v2-request-iam.json', 'aws-lambda-go/apigw-v2-request-jwt-authorizer.json',
  'aws-lambda-go/apigw-v2-request-lambda-authorizer.json', 'aws-lambda-go/apigw-v2-request-no-authorizer.json',
  'powertools-lambda-python/apiGatewayProxyV2Event.json', 'powertools-lambda-python/apiGatewayProxyV2EventPathTrailingSlash.json',
  'powertools-lambda-python/apiGatewayProxyV2Event_GET.json', 'powertools-lambda-python/apiGatewayProxyV2IamEvent.json',
  'powertools-lambda-python/apiGatewayProxyV2LambdaAuthorizerEvent.json', 'powertools-lambda-python/apiGatewayProxyV2OtherGetEvent.json',
  'powertools-lambda-typescript/apigw-http/authorizer-request.json', 'powertools-lambda-typescript/apigw-http/iam-auth.json',
  'powertools-lambda-typescript/apigw-http/invalid.json', 'powertools-lambda-typescript/apigw-http/jwt-authorizer-auth.json',
  'powertools-lambda-typescript/apigw-http/lambda-authorizer-auth.json', 'powertools-lambda-typescript/apigw-http/no-auth.json',
];
export const FUNCTION_URL = [
  'aws-lambda-go/lambda-urls-request.json', 'powertools-lambda-python/lambdaFunctionUrlEvent.json', 'powertools-lambda-python/lambdaFunctionUrlEventPathTrailingSlash.json',
  'powertools-lambda-python/lambdaFunctionUrlEventWithHeaders.json', 'powertools-lambda-python/lambdaFunctionUrlIAMEvent.json',
  'powertools-lambda-typescript/lambda/base.json', 'powertools-lambda-typescript/lambda/get-request.json', 'powertools-lambda-typescript/lambda/iam-auth.json',
  'powertools-lambda-typescript/lambda/invalid.json',
];
export const SQS = [
  'aws-lambda-go/sqs-event.json', 'powertools-lambda-python/sqsEvent.json', 'powertools-lambda-python/sqsDlqTriggerEvent.json', 'powertools-lambda-python/s3SqsEvent.json',
  'powertools-lambda-python/snsSqsEvent.json', 'powertools-lambda-python/snsSqsFifoEvent.json', 'powertools-lambda-typescript/sqs/base.json',
  'powertools-lambda-typescript/sqs/sns-body.json', 'powertools-lambda-typescript/s3/sqs-event.json',
];
export const EVENTBRIDGE = [
  'powertools-lambda-python/eventBridgeEvent.json', 'powertools-lambda-python/docs_shared_validation_basic_eventbridge_scheduled_event.json',
  'powertools-lambda-python/s3EventBridgeNotificationObjectCreatedEvent.json', 'powertools-lambda-typescript/eventbridge/base.json',
  'powertools-lambda-typescript/s3/eventbridge-object-created.json', 'aws-lambda-go/ecr-image-push-event.json',
];
/** Every other event kind of the corpus: none of these is ever routed to a Helpdesk function. */
export const FOREIGN = [
  'aws-lambda-go/cloudwatch-logs-event.json', 'aws-lambda-go/s3-event.json', 'aws-lambda-go/s3-event-with-decoded.json', 'aws-lambda-go/sns-event.json',
  'aws-lambda-go/ses-lambda-event.json', 'aws-lambda-go/dynamodb-event.json', 'powertools-lambda-python/s3Event.json', 'powertools-lambda-typescript/s3/delete-object.json',
  'powertools-lambda-typescript/s3/base.json', 'powertools-lambda-typescript/s3/decoded-key.json', 'powertools-lambda-python/s3EventDecodedKey.json',
  'powertools-lambda-typescript/sns/base.json', 'aws-lambda-go/lambda-urls-response.json',
];

export let deps: Deps;
export let org: Awaited<ReturnType<typeof seedOrg>>;
export let mailbox: string;
export const objects = new MemoryObjectStore('mail');
const files = new MemoryAttachmentStore();
const posted: { connectionId: string; frame: unknown }[] = [];
export const verifiedTokens = new Map<string, Record<string, unknown>>();

/** The table, organization, mailbox and ports every entry point runs on (call in beforeAll). */
export async function provideAwsWorld(): Promise<void> {
  const built = await integrationDeps();
  deps = built.deps;
  org = await seedOrg(deps);
  mailbox = `support@${org.orgId.replace(/_/g, '-')}.example.com`;
  await putMailbox(deps, { address: mailbox, orgId: org.orgId, displayName: 'Support', senderHourlyLimit: 50 });
  const ports = {
    objects,
    attachments: files,
    tokens: { verify: async (token: string) => { const claims = verifiedTokens.get(token); if (!claims) throw Object.assign(new Error('bad token'), { name: 'JwtInvalid' }); return claims; } },
    connections: { post: async (posts: { connectionId: string; frame: unknown }[]) => { posted.push(...posts); return { sent: posts.length, gone: [], failed: [] }; } },
    queues: { send: async () => undefined },
    timers: { schedule: async () => undefined, cancel: async () => undefined },
  } as unknown as Ports;
  provideRuntime({ config: { ...localConfig(inject('dynamodbEndpoint')), tableName: built.table }, deps, ports, dynamo: built.clients.client });
}

export const claimsOf = (who: 'agent' | 'customer' | 'admin', groups?: string) => ({
  sub: org[who].userId, email: org[who].email, name: who, 'cognito:groups': groups ?? `[${who}]`, 'custom:orgId': org.orgId,
});
export const problem = (result: APIGatewayProxyStructuredResultV2) => {
  expect(result.headers?.['content-type']).toBe('application/problem+json');
  return JSON.parse(result.body ?? '{}') as { status: number; type: string; errors?: { parameter?: string; pointer?: string }[] };
};
