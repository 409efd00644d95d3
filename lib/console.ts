import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Aws, Duration, Names, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { buildConsoleSync } from '../console/build';
import { consoleSecurityHeaders } from '../console/security-headers';
import { acknowledge, nagArn } from './nag';

export interface AgentConsoleProps {
  /** The pool agents sign in to; the console gets its own browser client on it. */
  readonly userPool: cognito.UserPool;
  /** The API's base URL, written into the console's `config.json`. */
  readonly apiUrl: string;
  /**
   * A custom host name for the console, for example `console.exchange.example` (the DNS record is the
   * deployer's: a CNAME or alias to the distribution).
   * @default - the distribution's own `*.cloudfront.net` name
   */
  readonly domainName?: string;
  /** ACM certificate (in us-east-1) covering {@link domainName}; required with it. */
  readonly certificateArn?: string;
}

/** Rewrites every console path that is not a file to `index.html`, so deep links load the SPA. */
const SPA_REWRITE = `function handler(event) {
  var r = event.request;
  if (r.uri === '/' || r.uri === '/console') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/console/' } } };
  }
  if (r.uri.indexOf('/console/assets/') !== 0 && r.uri !== '/console/config.json') r.uri = '/console/index.html';
  return r;
}`;

/**
 * The agent console on AWS: the built SPA in a private bucket behind CloudFront (origin access control,
 * HTTPS only, the same security headers as the local gateway), its `config.json`, and a Cognito
 * authorization-code + PKCE client with a managed-login domain.
 */
export class AgentConsole extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly distribution: cloudfront.Distribution;
  public readonly client: cognito.UserPoolClient;
  /** `https://<host>`: the origin the API's CORS allows. */
  public readonly origin: string;
  /** `https://<host>/console/`: where agents open the console. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: AgentConsoleProps) {
    super(scope, id);
    if (props.domainName && !props.certificateArn) throw new Error('the console domain needs a certificate ARN');
    if (props.certificateArn && !props.domainName) throw new Error('the console certificate needs a domain name');

    // Static build output only (no customer data); a deploy rewrites it, so no versioning.
    this.bucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Holds only the public console build; every read goes through CloudFront, which logs requests.',
    });

    const consoleHost = props.domainName;
    // Any HTTP API of this region, not the API's own id: the API's CORS names this distribution, so
    // naming the API here would make the two depend on each other.
    const apiOrigin = `https://*.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    const domain = props.userPool.addDomain('ConsoleLogin', {
      cognitoDomain: { domainPrefix: `docket-${Names.uniqueId(this).toLowerCase().slice(-20)}` },
    });
    const authDomain = domain.baseUrl();
    const headers = consoleSecurityHeaders({ connect: [apiOrigin, authDomain] });
    const headersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Docket console security headers (the same as the local gateway)',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: headers['content-security-policy']!, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Cross-Origin-Opener-Policy', value: headers['cross-origin-opener-policy']!, override: true },
        ],
      },
    });
    const rewrite = new cloudfront.Function(this, 'SpaRewrite', {
      code: cloudfront.FunctionCode.fromInline(SPA_REWRITE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Docket console deep links -> index.html',
    });

    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      comment: 'Docket agent console',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headersPolicy,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [{ function: rewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      ...(consoleHost && props.certificateArn
        ? {
            domainNames: [consoleHost],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
            // Only a custom certificate lets the policy be chosen; the default one's is fixed by CloudFront.
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    const acks: Array<[string, string]> = [
      [
        'AwsSolutions-CFR1',
        'Agents work from anywhere the exchange operates; sign-in is gated by Cognito with MFA, not by country.',
      ],
      [
        'AwsSolutions-CFR2',
        'The distribution serves only static files; the data lives behind the authenticated API, which has throttling.',
      ],
      [
        'AwsSolutions-CFR3',
        'Static console files only; no customer data passes through this distribution, and the API logs access.',
      ],
    ];
    if (!consoleHost) {
      acks.push([
        'AwsSolutions-CFR4',
        'No custom domain given: the default *.cloudfront.net certificate is used, whose TLS policy CloudFront fixes.',
      ]);
    }
    for (const [ruleId, reason] of acks) Validations.of(this.distribution).acknowledge({ id: ruleId, reason });

    this.origin = `https://${consoleHost ?? this.distribution.distributionDomainName}`;
    this.url = `${this.origin}/console/`;
    this.client = props.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      preventUserExistenceErrors: true,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${this.origin}/console/callback`, `${this.origin}/console/`],
        logoutUrls: [`${this.origin}/console/`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'console/',
      sources: [
        s3deploy.Source.asset(writeBundle()),
        s3deploy.Source.jsonData('config.json', {
          mode: 'cognito',
          apiUrl: props.apiUrl,
          authDomain,
          clientId: this.client.userPoolClientId,
        }),
      ],
      // File names carry no content hash, so browsers revalidate (CloudFront is invalidated on deploy).
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/console/*'],
    });
    acknowledgeDeploymentFunction(Stack.of(this), this.bucket);
  }
}

/** Writes the console build to a temporary folder for `Source.asset` (hashed by content, so deterministic). */
function writeBundle(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docket-console-'));
  for (const [file, { body }] of buildConsoleSync()) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), body);
  }
  return dir;
}

/** How a stack's account or region appears in a cdk-nag finding: its literal value when known, else the token's name. */
function envNames(value: string, token: string, ...more: string[]): string[] {
  return [...new Set([Token.isUnresolved(value) ? token : value, token, ...more])];
}

/** BucketDeployment's function and role are CDK's own singletons at the stack root. */
function acknowledgeDeploymentFunction(stack: Stack, bucket: s3.IBucket): void {
  const copies = "CDK's BucketDeployment copies whole prefixes from its asset bucket into the console bucket.";
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    const findings: [string, string][] = [
      [
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "CDK's BucketDeployment function uses the basic Lambda execution managed policy (CloudWatch Logs only).",
      ],
      ['L1', "CDK's BucketDeployment pins its own Python runtime; a CDK upgrade moves it forward."],
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((a): [string, string] => [
        `IAM5[Action::${a}]`,
        copies,
      ]),
      [
        'IAM5[Resource::*]',
        "CloudFront CreateInvalidation has no resource-level permission; CDK's function invalidates /console/*.",
      ],
      [`IAM5[Resource::${nagArn(stack, bucket.bucketArn, '/*')}]`, copies],
      // The asset bucket's name carries the account and region: tokens in an environment-agnostic synth,
      // the literal values when the stack is deployed to a given account and region.
      ...['aws', '<AWS::Partition>'].flatMap((partition) =>
        envNames(stack.region, '<AWS::Region>', 'us-east-1').flatMap((region) =>
          envNames(stack.account, '<AWS::AccountId>').map((account): [string, string] => [
            `IAM5[Resource::arn:${partition}:s3:::cdk-hnb659fds-assets-${account}-${region}/*]`,
            copies,
          ]),
        ),
      ),
    ];
    for (const [finding, reason] of findings) acknowledge(child, finding, reason);
  }
}
