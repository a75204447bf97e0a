import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * An API stage's access logs: one JSON object per request in a log group of its own. The
 * fields every API logs are here; each API adds its own (the caller's subject, the connection).
 */
export function stageAccessLogs(
  scope: Construct,
  props: { logRetention?: RetentionDays; removalPolicy?: RemovalPolicy },
  fields: Record<string, string>,
) {
  const group = new LogGroup(scope, 'AccessLogs', {
    retention: props.logRetention ?? RetentionDays.ONE_MONTH,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
  });
  return {
    destination: new LogGroupLogDestination(group),
    format: AccessLogFormat.custom(JSON.stringify({
      requestId: '$context.requestId',
      requestTime: '$context.requestTimeEpoch',
      ip: '$context.identity.sourceIp',
      routeKey: '$context.routeKey',
      status: '$context.status',
      integrationLatency: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
      ...fields,
    })),
  };
}
