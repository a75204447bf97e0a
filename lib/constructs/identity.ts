import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery, CfnUserPoolGroup, ClientAttributes, FeaturePlan, Mfa, OAuthScope, StandardThreatProtectionMode, StringAttribute,
  UserPool, type UserPoolClient, UserPoolClientIdentityProvider, type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { Role } from '../../schemas/users';

export interface IdentityProps {
  /**
   * What happens to the user pool (and its users) when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Cognito deletion protection: the pool cannot be deleted until it is turned off.
   * @default true when `removalPolicy` is RETAIN, otherwise false
   */
  readonly deletionProtection?: boolean;
  /**
   * Let anyone create an account. Self-registered users get no group and no organization,
   * so the API answers them 403 until an admin places them.
   * @default false (admins create users)
   */
  readonly selfSignUp?: boolean;
  /**
   * Cognito threat protection (compromised credentials, adaptive authentication) in
   * full-function mode. It needs the Plus feature plan, billed per monthly active user.
   * @default false (Essentials feature plan)
   */
  readonly threatProtection?: boolean;
  /**
   * Browser apps that sign in through the hosted UI (authorization code with PKCE): their
   * URLs are the client's callback and sign-out URLs, and the pool gets a Cognito domain.
   * @default [] (no hosted UI: SRP sign-in only)
   */
  readonly consoleUrls?: string[];
  /**
   * The hosted UI's Cognito domain prefix (unique per region).
   * @default `helpdesk-<account id>`
   */
  readonly hostedUiDomainPrefix?: string;
}

/**
 * The Cognito user pool behind the HTTP API's JWT authorizer: one group per role, and an
 * immutable `orgId` custom attribute so every ID token carries `custom:orgId`.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  /** The public (secretless) client for the agent console SPA and scripts: SRP sign-in. */
  readonly client: UserPoolClient;
  /** The JWT issuer: `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
  readonly issuer: string;
  readonly groups: Record<Role, CfnUserPoolGroup>;
  /** The hosted UI's domain, when `consoleUrls` were given. */
  readonly domain?: UserPoolDomain;
  /** The scopes the console asks the hosted UI for. */
  static readonly CONSOLE_SCOPES = ['openid', 'email', 'profile'];

  constructor(scope: Construct, id: string, props: IdentityProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const threatProtection = props.threatProtection ?? false;
    const consoleUrls = props.consoleUrls ?? [];

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: props.selfSignUp ?? false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      // Immutable: set once when an admin creates the user, never changed by the user.
      customAttributes: { orgId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false }, // SMS would need an IAM role and SNS spend limits
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      standardThreatProtectionMode: threatProtection ? StandardThreatProtectionMode.FULL_FUNCTION : undefined,
      deletionProtection: props.deletionProtection ?? removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'MFA is optional (TOTP): customers reach the API through the same pool and cannot all be made to enrol; '
        + 'require it per user or group through an admin policy instead.',
    });
    if (!threatProtection) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: 'The Plus feature plan is billed per monthly active user; threat protection is opt-in with the '
          + '`threatProtection` prop so an idle deployment costs nothing.',
      });
    }

    this.client = this.userPool.addClient('AppClient', {
      generateSecret: false, // a browser or CLI cannot keep a secret
      authFlows: { userSrp: true },
      // The console signs in through the hosted UI: authorization code only (the app adds
      // PKCE; a public client has no secret), never the implicit grant.
      disableOAuth: consoleUrls.length === 0,
      oAuth: consoleUrls.length === 0 ? undefined : {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: consoleUrls,
        logoutUrls: consoleUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('orgId'),
      // orgId is readable (so the ID token carries it) but never writable by the user:
      // otherwise a self-registered user could name any tenant.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });

    const stack = Stack.of(this);
    if (consoleUrls.length > 0) {
      this.domain = this.userPool.addDomain('HostedUi', {
        cognitoDomain: { domainPrefix: props.hostedUiDomainPrefix ?? `helpdesk-${stack.account}` },
      });
    }
    this.issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;

    // Lower precedence wins when a user is in several groups: admin first, as highestRole() does.
    this.groups = Object.fromEntries(Role.options.map((role, i) => [role, new CfnUserPoolGroup(this, `${role[0].toUpperCase()}${role.slice(1)}Group`, {
      userPoolId: this.userPool.userPoolId,
      groupName: role,
      precedence: i * 10,
      description: `Helpdesk ${role}s`,
    })])) as Record<Role, CfnUserPoolGroup>;
  }
}
