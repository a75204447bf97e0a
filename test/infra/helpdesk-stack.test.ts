import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEPLOYED_GROUPS as HTTP_GROUPS, DEPLOYED_ROUTES as HTTP_ROUTES, routeKeyOf } from '../../functions/manifest/http-routes';
import { TABLE } from '../../functions/manifest/table';
import { MANIFEST_FUNCTIONS, manifestFunctionCount } from './manifest-functions';
import { Helpdesk, HelpdeskStack } from '../../lib/helpdesk-stack';
import { Role } from '../../schemas/users';
import { SKIP_BUNDLING, cdkJsonContext } from './cdk-context';
import { billedAlarmMetrics } from './dead-letter-alarms';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

const ref = (logicalId: string) => ({ Ref: logicalId });
/** The alarm construct's resources (the mail construct has a topic and key of its own). */
const ofAlarms = (resources: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(resources).filter(([id]) => id.startsWith('HelpdeskAlarms')));
/** Resources of the HTTP API only (the WebSocket API has routes and a stage too). */
const ofHttpApi = (t: Template, type: string) => {
  const apiId = onlyKey(t.findResources('AWS::ApiGatewayV2::Api', { Properties: { ProtocolType: 'HTTP' } }));
  return t.findResources(type, { Properties: { ApiId: ref(apiId) } });
};
const onlyKey = (resources: Record<string, unknown>) => {
  const keys = Object.keys(resources);
  expect(keys).toHaveLength(1);
  return keys[0];
};

/** The nag report, printed in full when it is not empty so the failure says what to fix. */
function nagViolations(stack: Stack) {
  const { violations } = new AwsSolutionsChecks().validateScope(stack);
  if (violations.length > 0) console.error(JSON.stringify(violations, null, 2));
  return violations;
}

let stack: HelpdeskStack;
let template: Template;

beforeAll(() => {
  const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING } });
  stack = new HelpdeskStack(app, 'Helpdesk', { alarmEmail: 'ops@example.com' });
  template = Template.fromStack(stack);
}, 120_000); // a synth of every construct: longer than the default hook timeout

describe('data table', () => {
  let table: Resource;
  beforeAll(() => {
    const tables = template.findResources('AWS::DynamoDB::GlobalTable');
    table = tables[onlyKey(tables)] as Resource;
  });

  it('has the keys, TTL and stream of the shared definition, on demand', () => {
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: TABLE.timeToLiveAttribute, Enabled: true });
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: TABLE.stream });
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true });
  });

  it('has exactly the global indexes of the shared definition, each projecting only its attributes', () => {
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(TABLE.globalIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] },
    })));
  });

  it('keeps point-in-time recovery, deletion protection and the data when removed', () => {
    expect(table.Properties.Replicas).toEqual([expect.objectContaining({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    })]);
    expect(table.DeletionPolicy).toBe('Retain');
  });
});

describe('identity', () => {
  it('has a user pool: admin-created users, email sign-in, strong passwords, optional TOTP MFA, immutable orgId', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(), RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true,
        }),
      },
      Schema: Match.arrayWith([{ AttributeDataType: 'String', Name: 'orgId', Mutable: false, StringAttributeConstraints: Match.anyValue() }]),
    });
    const pool = template.findResources('AWS::Cognito::UserPool');
    expect(pool[onlyKey(pool)].Properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('has one group per role', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', Role.options.length);
    for (const role of Role.options) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
    }
  });

  it('has a secretless SRP client that reads custom:orgId but cannot write it', () => {
    const clients = template.findResources('AWS::Cognito::UserPoolClient');
    const client = clients[onlyKey(clients)].Properties;
    expect(client.GenerateSecret).toBe(false);
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.ReadAttributes).toContain('custom:orgId');
    expect(client.WriteAttributes).not.toContain('custom:orgId');
  });
});

describe('functions', () => {
  const groups = Object.entries(HTTP_GROUPS);

  it('has one function per route group: Node.js 24 on arm64, traced, with the settings of the manifest', () => {
    expect(manifestFunctionCount(template, /^Helpdesk HTTP /)).toBe(groups.length);
    const tableId = onlyKey(template.findResources('AWS::DynamoDB::GlobalTable'));
    for (const [group, spec] of groups) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: `Helpdesk HTTP ${group}`,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: spec.memoryMb,
        Timeout: spec.timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: Match.objectLike({ Ref: Match.anyValue() }) }),
        Environment: {
          Variables: {
            TABLE_NAME: ref(tableId),
            IDEMPOTENCY_TTL_SECONDS: '86400',
            POWERTOOLS_SERVICE_NAME: 'helpdesk',
            POWERTOOLS_METRICS_NAMESPACE: 'Helpdesk',
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      });
    }
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    }
  });

  it('gives roles no AWS managed policies, and the table no Scan', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
    // CDK's BucketDeployment grants itself read/write with wildcard actions on the console and asset buckets only.
    const consoleDeployRoles = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) => id.startsWith('HelpdeskConsoleDeployRole'));
    const actions = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => !consoleDeployRoles.some((id) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: id }])))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .flatMap((statement: { Action: string | string[] }) => [statement.Action].flat());
    expect(consoleDeployRoles).toHaveLength(1);
    expect(actions).toContain('dynamodb:Query');
    expect(actions).toContain('dynamodb:PutItem');
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((action) => action.endsWith('*'))).toEqual([]);
  });

  it('keeps every log group for a month, and every function logs to one of the stack\'s groups', () => {
    const logGroups = template.findResources('AWS::Logs::LogGroup');
    for (const logGroup of Object.values(logGroups)) expect(logGroup.Properties.RetentionInDays).toBe(30);
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      const group = fn.Properties.LoggingConfig?.LogGroup?.Ref;
      if (group) expect(Object.keys(logGroups)).toContain(group);
    }
    expect(MANIFEST_FUNCTIONS.length).toBeGreaterThan(0);
  });

  it('shares one role and one log group per permission set: functions with the same needs, no more', () => {
    const manifest = Object.entries(template.findResources('AWS::Lambda::Function'))
      .filter(([, fn]) => MANIFEST_FUNCTIONS.some((m) => m.description === fn.Properties.Description));
    expect(manifest).toHaveLength(MANIFEST_FUNCTIONS.length);
    const byRole = new Map<string, { needs: string; logGroup: string; queueConsumer: boolean }[]>();
    for (const [, fn] of manifest) {
      const spec = MANIFEST_FUNCTIONS.find((m) => m.description === fn.Properties.Description)!;
      const role = fn.Properties.Role['Fn::GetAtt'][0] as string;
      byRole.set(role, [...(byRole.get(role) ?? []), {
        needs: [...new Set(spec.needs)].sort().join(','),
        logGroup: fn.Properties.LoggingConfig.LogGroup.Ref,
        queueConsumer: spec.description.startsWith('Helpdesk queue consumer '),
      }]);
    }
    for (const sharing of byRole.values()) {
      expect(new Set(sharing.map((f) => f.needs)).size).toBe(1); // the same needs, or not the same role
      expect(new Set(sharing.map((f) => f.logGroup)).size).toBe(1); // and the one log group its role writes
      // A queue consumer's role also receives from its queue: no other function has it.
      if (sharing.some((f) => f.queueConsumer)) expect(sharing).toHaveLength(1);
    }
    expect(byRole.size).toBeLessThan(MANIFEST_FUNCTIONS.length / 2);
  });

  it('lets API Gateway invoke the route functions through one integration role, not a permission per function', () => {
    const integrations = Object.values(ofHttpApi(template, 'AWS::ApiGatewayV2::Integration'));
    expect(integrations).toHaveLength(Object.keys(HTTP_GROUPS).length);
    const roleIds = new Set(integrations.map((i) => JSON.stringify(i.Properties.CredentialsArn)));
    expect(roleIds.size).toBe(1);
    const roleId = (integrations[0].Properties.CredentialsArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const role = template.findResources('AWS::IAM::Role')[roleId];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({ Principal: { Service: 'apigateway.amazonaws.com' } })]);
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([ref(roleId)]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.flatMap((st: { Action: string | string[] }) => [st.Action].flat())).toEqual(['lambda:InvokeFunction']);
    // Exactly the integrated functions, each by its unqualified ARN.
    const invokable = statements.flatMap((st: { Resource: unknown }) => [st.Resource].flat()).map((r) => JSON.stringify(r)).sort();
    expect(invokable).toEqual(integrations.map((i) => JSON.stringify(i.Properties.IntegrationUri)).sort());
    expect(Object.keys(template.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'apigateway.amazonaws.com' } }))
      .filter((id) => id.startsWith('HelpdeskHttpApi'))).toEqual([]);
  });

  it('alarms on every function\'s Errors and Throttles account-wide, to the alarm topic, and fits the free alarm tier', () => {
    const topicId = onlyKey(ofAlarms(template.findResources('AWS::SNS::Topic')));
    for (const metric of ['Errors', 'Throttles']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: Match.absent(), AlarmActions: [ref(topicId)],
      });
    }
    const perFunction = Object.values(template.findResources('AWS::CloudWatch::Alarm'))
      .filter((alarm) => alarm.Properties.Namespace === 'AWS/Lambda' && alarm.Properties.Dimensions);
    expect(perFunction).toEqual([]);
    // CloudWatch gives ten alarm metrics a month free, and bills a metric-math alarm per metric in
    // its expression: the dead-letter queues are three shared ones (lib/constructs/dead-letter-queue.ts).
    expect(billedAlarmMetrics(template)).toBeLessThanOrEqual(10);
  });
});

describe('HTTP API', () => {
  let authorizerId: string;
  beforeAll(() => {
    authorizerId = onlyKey(template.findResources('AWS::ApiGatewayV2::Authorizer'));
  });

  it('has one route per manifest entry: JWT unless public', () => {
    // The hosted console turns API-wide CORS on, so API Gateway answers preflights itself and the
    // public paths need no OPTIONS routes of their own (see intake.test.ts).
    expect(Object.keys(ofHttpApi(template, 'AWS::ApiGatewayV2::Route'))).toHaveLength(HTTP_ROUTES.length);
    for (const route of HTTP_ROUTES) {
      const isPublic = route.roles === 'public';
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKeyOf(route),
        AuthorizationType: isPublic ? 'NONE' : 'JWT',
        AuthorizerId: isPublic ? Match.absent() : ref(authorizerId),
      });
    }
  });

  it('verifies Cognito ID tokens: the pool as issuer, the app client as audience', () => {
    const poolId = onlyKey(template.findResources('AWS::Cognito::UserPool'));
    const clientId = onlyKey(template.findResources('AWS::Cognito::UserPoolClient'));
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [ref(clientId)],
        Issuer: {
          'Fn::Join': ['', ['https://cognito-idp.', ref('AWS::Region'), '.', ref('AWS::URLSuffix'), '/', ref(poolId)]],
        },
      },
    });
  });

  it('logs access as JSON and throttles the stage', () => {
    const stages = ofHttpApi(template, 'AWS::ApiGatewayV2::Stage');
    const stage = stages[onlyKey(stages)].Properties;
    expect(stage.StageName).toBe('$default');
    expect(stage.AutoDeploy).toBe(true);
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(stage.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    expect(JSON.parse(stage.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });

  it('has no CORS unless origins are given', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
  });

  it('alarms on 5xx responses', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/ApiGateway', MetricName: '5xx' });
  });
});

describe('alarm topic', () => {
  it('costs nothing at idle (no key of its own: it carries alarm states, no customer data), requires TLS, and mails the alarm address', () => {
    expect(ofAlarms(template.findResources('AWS::KMS::Key'))).toEqual({});
    const topics = ofAlarms(template.findResources('AWS::SNS::Topic'));
    expect((topics[onlyKey(topics)] as { Properties?: { KmsMasterKeyId?: unknown } }).Properties?.KmsMasterKeyId).toBeUndefined();
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });
});

it('has no cdk-nag AwsSolutions findings left unacknowledged', () => {
  expect(nagViolations(stack)).toEqual([]);
});

it('outputs what a client needs', () => {
  for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'AlarmTopicArn', 'EventBusName']) {
    template.hasOutput(name, Match.anyValue());
  }
});

describe('Helpdesk construct', () => {
  it('embeds in another app\'s stack, with its props honoured and nag still clean', () => {
    const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING }, builtinCloudFormationValidation: false });
    const platform = new Stack(app, 'Platform');
    new Helpdesk(platform, 'Support', { removalPolicy: RemovalPolicy.DESTROY, corsOrigins: ['https://support.example.com'] });
    const embedded = Template.fromStack(platform);

    expect(manifestFunctionCount(embedded, /^Helpdesk HTTP /)).toBe(Object.keys(HTTP_GROUPS).length);
    expect(Object.keys(ofHttpApi(embedded, 'AWS::ApiGatewayV2::Route'))).toHaveLength(HTTP_ROUTES.length);
    embedded.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] }),
    });
    embedded.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'INACTIVE' });
    embedded.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      // Origins given (and the console's own): every origin, so the public form stays embeddable anywhere (see http-api.ts).
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['*'], AllowHeaders: Match.arrayWith(['authorization', 'if-match']) }),
    });
    expect(nagViolations(platform)).toEqual([]);
  });

  it('takes threat protection and a customer managed table key, and nag stays clean', () => {
    const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING }, builtinCloudFormationValidation: false });
    // A customer managed key is per replica in TableV2, so the stack needs a concrete region.
    const platform = new Stack(app, 'Platform', { env: { account: '111111111111', region: 'eu-west-1' } });
    const key = new Key(platform, 'DataKey', { enableKeyRotation: true });
    new Helpdesk(platform, 'Support', { threatProtection: true, tableEncryptionKey: key });
    const embedded = Template.fromStack(platform);

    embedded.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' }, // what CloudFormation calls full-function threat protection
    });
    embedded.hasResourceProperties('AWS::DynamoDB::GlobalTable', { SSESpecification: { SSEEnabled: true, SSEType: 'KMS' } });
    const kmsActions = Object.values(embedded.findResources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .flatMap((statement: { Action: string | string[] }) => [statement.Action].flat())
      .filter((action) => action.startsWith('kms:'));
    expect(kmsActions).toContain('kms:Decrypt');
    expect(nagViolations(platform)).toEqual([]);
  });
});
