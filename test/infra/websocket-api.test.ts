import { ENV, queueUrlEnv as queueUrlVariable } from '../../functions/config';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { WS_ROUTES } from '../../functions/manifest/features/realtime';
import { Alarms } from '../../lib/constructs/alarms';
import { Capabilities } from '../../lib/constructs/capabilities';
import { DataTable } from '../../lib/constructs/data-table';
import { HandlerFunction } from '../../lib/constructs/handler-function';
import { HelpdeskWebSocketApi } from '../../lib/constructs/websocket-api';
import { SKIP_BUNDLING, cdkJsonContext } from './cdk-context';

let stack: Stack;
let template: Template;
let ws: HelpdeskWebSocketApi;

beforeAll(() => {
  const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING } });
  stack = new Stack(app, 'WsTest');
  const data = new DataTable(stack, 'Data', { removalPolicy: RemovalPolicy.DESTROY });
  const alarms = new Alarms(stack, 'Alarms');
  ws = new HelpdeskWebSocketApi(stack, 'Realtime', {
    table: data.table, alarms, userPoolId: 'eu-west-1_Pool', userPoolClientId: 'client-1', removalPolicy: RemovalPolicy.DESTROY,
  });
  // A bus rule target with the 'websocket-post' capability, as the events infrastructure makes it.
  const broadcaster = new HandlerFunction(stack, 'Broadcaster', {
    entry: 'functions/handlers/events/realtime-broadcast.ts', description: 'broadcaster', memoryMb: 512,
    timeout: Duration.seconds(30), alarms, table: data.table,
  });
  ws.grantPostTo(broadcaster.function);
  template = Template.fromStack(stack);
});

describe('WebSocket API', () => {
  it('routes on the action, with the routes of the shared manifest', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual(WS_ROUTES.map((r) => r.routeKey).sort());
    // $default answers on the same connection (error, pong, subscribed frames): a route response.
    template.resourceCountIs('AWS::ApiGatewayV2::RouteResponse', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::RouteResponse', { RouteResponseKey: '$default' });
  });

  it('has a throttled, access-logged, auto-deployed stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'live', AutoDeploy: true,
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('connectionId') }),
    });
  });

  it('verifies tokens in $connect against the user pool and client', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('\\$connect'),
      Runtime: 'nodejs24.x', Architectures: ['arm64'],
      Environment: { Variables: Match.objectLike({ COGNITO_USER_POOL_ID: 'eu-west-1_Pool', COGNITO_CLIENT_ID: 'client-1' }) },
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
  });

  it('lets the functions that post manage connections, with the endpoint in their environment', () => {
    const posting = Object.values(template.findResources('AWS::Lambda::Function'))
      .filter((fn) => fn.Properties.Environment?.Variables?.[ENV.websocketEndpoint]);
    expect(posting.map((fn) => fn.Properties.Description).sort()).toEqual([
      'Helpdesk WebSocket $default: subscribe, unsubscribe, typing, viewing, read, ping',
      'Helpdesk WebSocket $disconnect: removes the connection and its subscriptions',
      'broadcaster',
    ]);
    const policies = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('execute-api:ManageConnections'));
    expect(policies).toHaveLength(3);
  });

  it('alarms on its functions\' errors through the account-level Lambda alarm, with no alarm metric of its own', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.filter((a) => ['IntegrationError', 'ExecutionError'].includes(a.Properties.MetricName))).toHaveLength(0);
    expect(alarms.filter((a) => a.Properties.MetricName === 'Errors' && a.Properties.Namespace === 'AWS/Lambda' && !a.Properties.Dimensions)).toHaveLength(1);
  });

  it('exposes the URLs clients and the broadcaster use', () => {
    expect(stack.resolve(ws.url)).toBeDefined();
    expect(JSON.stringify(stack.resolve(ws.managementEndpoint))).toContain('/live');
  });

  it('passes cdk-nag AwsSolutions', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(stack);
    if (violations.length) console.error(JSON.stringify(violations, null, 2));
    expect(violations).toEqual([]);
  });
});

describe('WebSocket API with the stack\'s capabilities', () => {
  it("provides 'websocket-post' to manifest functions, granted and nag-clean", () => {
    const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING } });
    const capStack = new Stack(app, 'WsCaps');
    const data = new DataTable(capStack, 'Data', { removalPolicy: RemovalPolicy.DESTROY });
    const alarms = new Alarms(capStack, 'Alarms');
    const capabilities = new Capabilities(capStack, 'Capabilities');
    const broadcaster = new HandlerFunction(capStack, 'Broadcaster', {
      entry: 'functions/handlers/events/realtime-broadcast.ts', description: 'broadcaster', memoryMb: 512,
      timeout: Duration.seconds(30), alarms, table: data.table,
    });
    capabilities.grant(broadcaster, ['websocket-post']); // before the API exists: granted once it is provided
    new HelpdeskWebSocketApi(capStack, 'Realtime', {
      table: data.table, alarms, capabilities, userPoolId: 'pool', userPoolClientId: 'client', removalPolicy: RemovalPolicy.DESTROY,
    });
    const caps = Template.fromStack(capStack);
    const posting = Object.values(caps.findResources('AWS::Lambda::Function'))
      .filter((fn) => fn.Properties.Environment?.Variables?.[ENV.websocketEndpoint]);
    expect(posting).toHaveLength(3);
    const { violations } = new AwsSolutionsChecks().validateScope(capStack);
    if (violations.length) console.error(JSON.stringify(violations, null, 2));
    expect(violations).toEqual([]);
  });
});
