import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type ThrottleSettings, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { stageAccessLogs } from './access-logs';
import { Construct, type IConstruct } from 'constructs';
import { ENV } from '../../functions/config';
import { portsOf } from '../../functions/bundled-ports';
import { WS_ROUTES, type WsRouteKey } from '../../functions/manifest/features/realtime';
import { ALARM_PERIOD, type Alarms } from './alarms';
import type { Capabilities } from './capabilities';
import type { Capability } from '../../functions/manifest/spec';
import type { ExecutionRoles } from './execution-roles';
import { HandlerFunction } from './handler-function';

export interface HelpdeskWebSocketApiProps {
  readonly table: ITableV2;
  readonly alarms: Alarms;
  /** The Cognito user pool whose ID tokens `$connect` accepts. */
  readonly userPoolId: string;
  /** The app client the ID tokens are issued to (their `aud`). */
  readonly userPoolClientId: string;
  /**
   * The stage, part of the URL and of the management endpoint.
   * @default 'live'
   */
  readonly stageName?: string;
  /**
   * Stage-wide steady rate and burst of messages (and connects) per second.
   * @default { rateLimit: 100, burstLimit: 200 }
   */
  readonly throttle?: ThrottleSettings;
  /**
   * How long function and access logs are kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * What happens to the log groups when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /** Kept for compatibility: the API has no alarm of its own (see the constructor). */
  readonly errorThreshold?: number;
  /**
   * Where manifest `needs` become grants: this API provides 'websocket-post' there, and its own
   * route functions get their needs from it.
   * @default - the route functions are granted directly (`grantPostTo`)
   */
  readonly capabilities?: Capabilities;
  /**
   * One role and log group per permission set, shared (lib/constructs/execution-roles.ts).
   * @default - each function has a role and log group of its own
   */
  readonly executionRoles?: ExecutionRoles;
}

/**
 * The WebSocket API for live ticket lists, presence, typing and read receipts: its routes and
 * functions from the shared WS_ROUTES, JSON access logs and stage throttling.
 *
 * `$connect` verifies the token itself (aws-jwt-verify, the same user pool and client as the
 * HTTP API) instead of through a Lambda REQUEST authorizer: a WebSocket authorizer refuses a
 * connect unless every identity source is present, and clients send the token either as
 * `?token=` or inside `Sec-WebSocket-Protocol` (browsers cannot set headers); it also saves an
 * invocation and a cold start per connect. A non-2xx answer from `$connect` refuses the
 * upgrade just as a denying authorizer would, so no unverified connection is ever recorded.
 */
export class HelpdeskWebSocketApi extends Construct {
  readonly api: WebSocketApi;
  readonly stage: WebSocketStage;
  readonly functions: Record<WsRouteKey, NodejsFunction>;

  constructor(scope: Construct, id: string, props: HelpdeskWebSocketApiProps) {
    super(scope, id);
    const { alarms } = props;
    this.api = new WebSocketApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-ws`,
      description: 'Helpdesk real time: ticket events, presence, typing, read receipts',
      routeSelectionExpression: '$request.body.action',
    });
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: props.stageName ?? 'live',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: stageAccessLogs(this, props, {
        connectionId: '$context.connectionId',
        eventType: '$context.eventType',
        error: '$context.error.message',
      }),
    });

    const functions: Partial<Record<WsRouteKey, NodejsFunction>> = {};
    for (const route of WS_ROUTES) {
      const handler = new HandlerFunction(this, pascal(route.routeKey), {
        entry: route.entry,
        description: `Helpdesk WebSocket ${route.routeKey}: ${route.description}`,
        memoryMb: route.memoryMb,
        timeout: Duration.seconds(route.timeoutSeconds),
        table: props.table,
        alarms,
        logRetention: props.logRetention,
        removalPolicy: props.removalPolicy,
        ports: portsOf('needs' in route ? route.needs : [], route.routeKey === '$connect' ? ['tokens'] : []),
        executionRoles: props.executionRoles,
        permissionSet: 'needs' in route ? route.needs : [],
        environment: route.routeKey === '$connect'
          ? { [ENV.userPoolId]: props.userPoolId, [ENV.userPoolClientId]: props.userPoolClientId }
          : undefined,
      });
      const needs: readonly Capability[] = 'needs' in route ? route.needs : [];
      if (props.capabilities) props.capabilities.grant(handler, needs);
      else if (needs.includes('websocket-post')) this.grantPostTo(handler.function);
      functions[route.routeKey] = handler.function;
      const integration = new WebSocketLambdaIntegration(`${pascal(route.routeKey)}Integration`, handler.function);
      const options = { integration, returnResponse: 'returnResponse' in route ? route.returnResponse : undefined };
      const wsRoute = this.api.addRoute(route.routeKey, options);
      Validations.of(wsRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: route.routeKey === '$connect'
          ? '$connect verifies the Cognito ID token in its handler (aws-jwt-verify) and refuses the upgrade without a valid one; '
            + 'an authorizer cannot accept the token from either the query string or Sec-WebSocket-Protocol.'
          : 'API Gateway authorizes WebSocket connections only at $connect; later routes run on the verified connection.',
      });
    }
    this.functions = functions as Record<WsRouteKey, NodejsFunction>;
    props.capabilities?.provideWebSocket(this.stage);

    // No alarm of its own: handler failures raise the account-level Lambda Errors alarm and a
    // route API Gateway cannot invoke for lack of concurrency raises Throttles; the rest (a missing
    // permission) shows on the first connect after a deploy. Ten alarm metrics in all stay free.
  }

  /** `wss://{api}.execute-api.{region}.amazonaws.com/{stage}`: clients connect to `${url}?token=<ID token>`. */
  get url(): string {
    return this.stage.url;
  }

  /** The `@connections` endpoint (`https://…/{stage}`) that the management client posts to. */
  get managementEndpoint(): string {
    return this.stage.callbackUrl;
  }

  /** Lets `grantee` post to, read and close connections of this stage (execute-api:ManageConnections). */
  grantManageConnections(grantee: IGrantable): void {
    this.stage.grantManagementApiAccess(grantee);
    const principal = grantee.grantPrincipal as Partial<IConstruct>;
    const policy = principal.node?.tryFindChild('DefaultPolicy');
    if (!policy) return;
    const stack = Stack.of(this);
    const apiLogicalId = stack.getLogicalId(this.api.node.defaultChild as CfnElement);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${apiLogicalId}>/${this.stage.stageName}/*/@connections/*]`,
      reason: 'Connection ids are issued at run time; the grant is limited to this API, this stage and the @connections API.',
    });
  }

  /**
   * What a function with the 'websocket-post' capability gets: the grant and the management
   * endpoint in WEBSOCKET_MANAGEMENT_ENDPOINT. For the bus rule targets made elsewhere.
   */
  grantPostTo(fn: LambdaFunction): void {
    this.grantManageConnections(fn);
    fn.addEnvironment(ENV.websocketEndpoint, this.managementEndpoint);
  }

  /** An API Gateway WebSocket metric of this API and stage, summed over the alarm period. */
  metric(metricName: string): Metric {
    return this.api.metric(metricName, { period: ALARM_PERIOD, statistic: 'Sum', dimensionsMap: { ApiId: this.api.apiId, Stage: this.stage.stageName } });
  }
}

const pascal = (routeKey: string) => routeKey.replace(/^\$/, '').replace(/(^|-)(\w)/g, (_m, _s, c: string) => c.toUpperCase());
