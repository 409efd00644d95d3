import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Cognito groups, one per role (docs/architecture.md, "Users"); the api handler reads them from `cognito:groups`. */
export const ROLE_GROUPS = ['agent', 'supervisor', 'auditor'] as const;

/** Routes without the JWT authorizer, with why each must stay public. */
export const PUBLIC_ROUTES = [
  { method: 'GET', path: '/healthz', reason: 'health probe for uptime monitors; returns no case data' },
  { method: 'GET', path: '/openapi.json', reason: 'the API description; documentation, no case data' },
  {
    method: 'GET',
    path: '/feedback/{token}',
    reason:
      'satisfaction link in customer mail: a confirmation page that records nothing; the signed token is the credential',
  },
  {
    method: 'POST',
    path: '/feedback/{token}',
    reason: "the satisfaction page's form records the rating; the HMAC-signed, single-use token is the credential",
  },
] as const;

export interface AgentApiProps {
  /** The api handler behind every route. */
  readonly handler: lambda.IFunction;
  /**
   * Steady-state requests per second across the stage.
   * @default 50
   */
  readonly throttleRateLimit?: number;
  /** @default 100 */
  readonly throttleBurstLimit?: number;
  /**
   * Steady-state requests per second on each public route (no token: anyone on the internet can call
   * them), kept well below the agents' limit so a flood there cannot use up the stage's capacity.
   * @default 5
   */
  readonly publicThrottleRateLimit?: number;
  /** @default 10 */
  readonly publicThrottleBurstLimit?: number;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly accessLogRetention?: logs.RetentionDays;
  /**
   * Cognito threat protection (Plus feature plan): compromised-credential checks and adaptive
   * authentication for agent sign-ins. Costs more per monthly active user.
   * @default true
   */
  readonly threatProtection?: boolean;
}

/**
 * The agents' HTTP API: a Cognito user pool (no self sign-up, MFA required, a group per role) and an
 * HTTP API whose routes all pass the JWT authorizer except the few public ones, with JSON access logs
 * and stage throttling.
 */
export class AgentApi extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly userPoolClient: cognito.UserPoolClient;
  public readonly httpApi: apigw.HttpApi;
  public readonly stage: apigw.HttpStage;

  constructor(scope: Construct, id: string, props: AgentApiProps) {
    super(scope, id);
    const threatProtection = props.threatProtection ?? true;
    this.userPool = new cognito.UserPool(this, 'Users', {
      // Staff accounts only: an administrator creates each agent (docs/deploy.md).
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: threatProtection ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      ...(threatProtection ? { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (!threatProtection) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: 'Threat protection switched off by the deployer (threatProtection: false); MFA stays required.',
      });
    }
    ROLE_GROUPS.forEach((groupName, precedence) => {
      new cognito.UserPoolGroup(this, `Group-${groupName}`, { userPool: this.userPool, groupName, precedence });
    });
    // Exactly the flows used: SRP sign-in (with refresh, which Cognito always allows). No hosted-UI OAuth
    // here: CDK's default would enable the implicit grant with an example.com callback. A browser console
    // gets its own authorization-code + PKCE client.
    this.userPoolClient = this.userPool.addClient('AgentClient', {
      authFlows: { userSrp: true },
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    const authorizer = new authorizers.HttpUserPoolAuthorizer('Agents', this.userPool, {
      userPoolClients: [this.userPoolClient],
    });
    this.httpApi = new apigw.HttpApi(this, 'Api', {
      description: 'Docket agent and supervisor API',
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit ?? 50, burstLimit: props.throttleBurstLimit ?? 100 },
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs) },
    });

    const integration = new integrations.HttpLambdaIntegration('Handler', props.handler);
    this.httpApi.addRoutes({ path: '/{proxy+}', methods: [apigw.HttpMethod.ANY], integration });
    const publicThrottle = {
      ThrottlingRateLimit: props.publicThrottleRateLimit ?? 5,
      ThrottlingBurstLimit: props.publicThrottleBurstLimit ?? 10,
    };
    const routeSettings: Record<string, typeof publicThrottle> = {};
    for (const route of PUBLIC_ROUTES) {
      const [added] = this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
        authorizer: new apigw.HttpNoneAuthorizer(),
      });
      if (added) {
        for (const rule of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
          Validations.of(added).acknowledge({
            id: rule,
            reason: `${route.method} ${route.path} is public: ${route.reason}.`,
          });
        }
        // Route settings name their routes by key: the stage must be deployed after them.
        this.stage.node.addDependency(added);
      }
      routeSettings[`${route.method} ${route.path}`] = publicThrottle;
    }
    (this.stage.node.defaultChild as apigw.CfnStage).routeSettings = routeSettings;
  }

  /** The API's base URL (the `$default` stage). */
  public get url(): string {
    return this.stage.url;
  }
}
