import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  CorsHttpMethod, HttpApi, HttpIntegrationType, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteIntegration,
  type HttpRouteIntegrationConfig, HttpRouteKey, type HttpStage, IntegrationCredentials, PayloadFormatVersion,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { stageAccessLogs } from './access-logs';
import { Construct } from 'constructs';
import { DEPLOYED_ROUTES as HTTP_ROUTES, type HttpGroupName } from '../../functions/manifest/http-routes';
import { ALARM_PERIOD, type Alarms } from './alarms';

export interface HelpdeskApiProps {
  /** The handler of each route group of the manifest. */
  readonly functions: Record<HttpGroupName, IFunction>;
  /** The JWT issuer (the Cognito user pool's URL). */
  readonly issuer: string;
  /** Accepted `aud` (ID tokens) or `client_id` (access tokens): the app client ids. */
  readonly audience: string[];
  readonly alarms: Alarms;
  /**
   * Origins a browser may call the API from, e.g. `['https://support.example.com']`.
   * @default [] (CORS off: only same-origin pages, scripts and servers)
   */
  readonly corsOrigins?: string[];
  /**
   * Stage-wide steady rate and burst, in requests per second, across all callers.
   * @default { rateLimit: 50, burstLimit: 100 }
   */
  readonly throttle?: ThrottleSettings;
  /**
   * How long access logs are kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * What happens to the access log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * 5xx responses in five minutes that raise the API alarm.
   * @default 5
   */
  readonly serverErrorThreshold?: number;
}

/** The headers a browser client sends and reads beyond the CORS-safelisted ones. */
const CORS_ALLOW_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'if-match'];
const CORS_EXPOSE_HEADERS = ['etag', 'location'];

/**
 * The HTTP API, its routes generated from the route manifest: a JWT authorizer on every
 * route except the public ones, JSON access logs, stage throttling, and a 5xx alarm.
 */
export class HelpdeskApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly authorizer: HttpJwtAuthorizer;
  /** The routes by operation id. */
  readonly routes: Record<string, HttpRoute>;
  /** The role API Gateway invokes the route functions with. */
  readonly integrationRole: Role;

  constructor(scope: Construct, id: string, props: HelpdeskApiProps) {
    super(scope, id);
    const corsOrigins = props.corsOrigins ?? [];

    this.api = new HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-http`,
      description: 'Helpdesk REST API (/v1)',
      createDefaultStage: false, // the default stage cannot take throttling or access logs
      // With origins to serve (the hosted console's), API Gateway answers every preflight itself,
      // so the routes open to every origin (the embeddable form) must stay open: any origin is
      // allowed. That is safe here: the API authenticates with bearer tokens only (no cookies,
      // nothing ambient a foreign page could ride on), and the public routes carry no token.
      corsPreflight: corsOrigins.length === 0 ? undefined : {
        allowOrigins: ['*'],
        allowMethods: [...new Set(HTTP_ROUTES.map((route) => CorsHttpMethod[route.method]))],
        allowHeaders: CORS_ALLOW_HEADERS,
        exposeHeaders: CORS_EXPOSE_HEADERS,
        maxAge: Duration.hours(1),
      },
    });

    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      // The caller as the token's subject, never its email.
      accessLogSettings: stageAccessLogs(this, props, {
        responseLength: '$context.responseLength',
        latency: '$context.responseLatency',
        authorizerError: '$context.authorizer.error',
        sub: '$context.authorizer.claims.sub',
      }),
    });

    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', props.issuer, {
      authorizerName: 'cognito-jwt',
      jwtAudience: props.audience,
    });
    const none = new HttpNoneAuthorizer();
    // API Gateway invokes every group's function with one integration role, rather than through a
    // resource-based permission on each function (an AWS::Lambda::Permission per function: 33 of
    // the resources that took the stack past CloudFormation's 500). The role may invoke exactly
    // the route functions, each by its unqualified ARN.
    this.integrationRole = new Role(this, 'IntegrationRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: 'Helpdesk HTTP API: invokes the route group functions',
    });
    const integrations = new Map<HttpGroupName, HttpRouteIntegration>();
    const integrationOf = (group: HttpGroupName) => {
      let integration = integrations.get(group);
      if (!integration) {
        const handler = props.functions[group];
        this.integrationRole.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [handler.functionArn] }));
        integration = new RoleInvokedLambdaIntegration(`${group}-integration`, handler, this.integrationRole);
        integrations.set(group, integration);
      }
      return integration;
    };

    this.routes = Object.fromEntries(HTTP_ROUTES.map((route) => {
      const isPublic = route.roles === 'public';
      const httpRoute = new HttpRoute(this, route.operationId, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrationOf(route.group as HttpGroupName),
        authorizer: isPublic ? none : this.authorizer,
      });
      if (isPublic) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design (${route.summary}); it reads no tenant data.`,
        });
      }
      return [route.operationId, httpRoute];
    }));

    // Routes open to every origin (the embeddable form): with API-wide CORS off, a preflight
    // only reaches a route that has an OPTIONS route, so each such path gets one, to the same
    // function, which answers it and adds Access-Control-Allow-Origin to its replies. With
    // `corsOrigins` set, API Gateway answers every preflight itself and these are not needed.
    if (corsOrigins.length === 0) {
      const openPaths = new Map<string, HttpGroupName>();
      for (const route of HTTP_ROUTES) if (route.cors === 'public') openPaths.set(route.path, route.group as HttpGroupName);
      for (const [path, group] of openPaths) {
        const preflight = new HttpRoute(this, `Preflight${path.replace(/[^A-Za-z0-9]/g, '')}`, {
          httpApi: this.api,
          routeKey: HttpRouteKey.with(path, HttpMethod.OPTIONS),
          integration: integrationOf(group),
          authorizer: none,
        });
        Validations.of(preflight).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `OPTIONS ${path} is a CORS preflight: browsers send it without credentials by design.`,
        });
      }
    }

    props.alarms.add(this, 'ServerErrorsAlarm', {
      metric: this.api.metricServerError({ period: ALARM_PERIOD, statistic: 'Sum' }),
      threshold: props.serverErrorThreshold ?? 5,
      description: 'Helpdesk API answered 5xx (handler failures, timeouts or integration errors)',
    });
  }

  /** The invoke URL, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com/`. */
  get url(): string {
    return this.stage.url;
  }
}

/**
 * A Lambda proxy integration (payload 2.0) that API Gateway calls with `role` as its credentials,
 * so the function needs no resource-based permission for this API. One per function: every
 * route of a group shares it.
 */
class RoleInvokedLambdaIntegration extends HttpRouteIntegration {
  constructor(id: string, private readonly handler: IFunction, private readonly role: Role) {
    super(id);
  }

  bind(): HttpRouteIntegrationConfig {
    return {
      type: HttpIntegrationType.AWS_PROXY,
      uri: this.handler.functionArn,
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      credentials: IntegrationCredentials.fromRole(this.role),
    };
  }
}
