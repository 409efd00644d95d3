import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { FirmProfile } from '../lambdas/core/firm-profile';
import { SWEEP_PERIOD_SECONDS } from '../lambdas/core/sla/timer-delay';
import { Alarms } from './alarms';
import { AgentApi } from './api';
import { AgentConsole } from './console';
import { DocketHandlers, HANDLER_SETTINGS } from './handlers';
import type { HandlerName } from './functions';
import { INBOUND_PREFIX, MailStorage } from './mail-storage';
import { WorkQueue } from './queues';
import { acknowledge } from './nag';
import { Receiving } from './receiving';
import { validateDocketInput } from './docket-input';
import { Sending } from './sending';
import { CaseTable } from './table';

/** Properties of {@link Docket}. */
export interface DocketProps {
  /** The exchange's support domain, verified in SES for sending and receiving (e.g. `exchange.example`). */
  readonly domain: string;
  /**
   * The firm profile (lambdas/core/firm-profile.ts), validated with `FirmProfileSchema` at synth time; its
   * support address must be in `domain`. Defaults of the schema apply to omitted optional fields.
   */
  readonly profile: unknown;
  /**
   * Addresses the receipt rule accepts (plus-addressed forms match too).
   * @default - the profile's supportAddress, plus its complaints address when that is in `domain`
   */
  readonly recipients?: readonly string[];
  /**
   * Public hosted zone that holds `domain` (the zone of `domain` itself or of a parent). When given, the
   * DKIM, MAIL FROM, MX and DMARC records of `domain` are created in it; import it with
   * `HostedZone.fromHostedZoneAttributes` so synth needs no lookup.
   * @default - no DNS records; the stack outputs list what to enter (docs/deploy.md)
   */
  readonly hostedZone?: route53.IPublicHostedZone;
  /**
   * DMARC record for `_dmarc.<domain>` (written with a hosted zone, a stack output without one).
   * @default 'v=DMARC1; p=quarantine; adkim=r; aspf=r'
   */
  readonly dmarcRecord?: string;
  /**
   * SLA policy preset until a policy is stored (lambdas/core/sla/presets.ts).
   * @default 'nydfs'
   */
  readonly slaPreset?: string;
  /**
   * Object Lock (compliance mode) retention of raw and sent mail, put on each object by intake and the
   * mailer. Below seven years it needs `unsafeAllowRetentionBelowSevenYears`.
   * @default SEVEN_YEARS (23 NYCRR 200.12)
   */
  readonly mailRetention?: Duration;
  /**
   * Allows `mailRetention` below seven years (23 NYCRR 200.12 asks for seven); synth warns whenever set.
   * @default false
   */
  readonly unsafeAllowRetentionBelowSevenYears?: boolean;
  /**
   * Expire raw and sent mail once its retention has passed.
   * @default false - mail stays after its retention until deleted by hand
   */
  readonly expireMailAfterRetention?: boolean;
  /**
   * Most concurrent intake functions (SQS maximum concurrency, 2-1000): protects DynamoDB in a surge.
   * @default 10
   */
  readonly inboundMaxConcurrency?: number;
  /**
   * Most concurrent mailer functions on the interactive lane. The shared send budget sets the rate; 4
   * invocations (40 mails in hand) stay inside its look-ahead at 14/s and up, so a surge drains in arrival
   * order. 2 is SQS's minimum.
   * @default 4
   */
  readonly outboundMaxConcurrency?: number;
  /**
   * Address notified of alarms.
   * @default - alarms go to the topic only
   */
  readonly alarmEmail?: string;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Cognito threat protection (Plus plan) for agent sign-ins.
   * @default true
   */
  readonly threatProtection?: boolean;
  /**
   * Handler sources to bundle instead of this repository's lambdas/handlers (for embedding apps that patch one).
   * @default - lambdas/handlers/<name>.ts
   */
  readonly handlerEntries?: Partial<Record<HandlerName, string>>;
  /**
   * Host name for the agent console (its DNS record is the deployer's).
   * @default - the CloudFront distribution's own name
   */
  readonly consoleDomain?: string;
  /** us-east-1 ACM certificate ARN for {@link consoleDomain}; required with it. */
  readonly consoleCertificateArn?: string;
}

/**
 * The whole Docket pipeline as one construct: SES receiving into an Object-Locked S3 bucket, queues with
 * dead-letter queues between every step, the seven handlers, the case table, SES sending with feedback
 * events, the agents' HTTP API, the sweeper schedule, alarms and a dashboard. Stateful resources (bucket,
 * table, keys, user pool) are RETAINed.
 *
 * @example
 * new Docket(stack, 'Docket', { domain: 'exchange.example', profile: EXAMPLE_PROFILE });
 */
export class Docket extends Construct {
  public readonly profile: FirmProfile;
  public readonly storage: MailStorage;
  public readonly table: CaseTable;
  public readonly queues: Readonly<
    Record<'inbound' | 'outbound' | 'outbound-bulk' | 'timers' | 'feedback' | 'exports', WorkQueue>
  >;
  public readonly sending: Sending;
  public readonly receiving: Receiving;
  public readonly handlers: DocketHandlers;
  public readonly api: AgentApi;
  public readonly console: AgentConsole;
  public readonly alarms: Alarms;
  public readonly signingSecret: secretsmanager.Secret;
  /** Signs record exports; its public key verifies them (`GET /export/public-key`, `aws kms get-public-key`). */
  public readonly exportSigningKey: kms.Key;

  constructor(scope: Construct, id: string, props: DocketProps) {
    super(scope, id);
    const input = validateDocketInput(props);
    this.profile = input.profile;

    // Two keys for messaging: queues use one, topics the other. One shared key would be a dependency
    // cycle (the queue key's policy names the topic that feeds the queue; the topic needs its key first).
    const queueKey = new kms.Key(this, 'QueueKey', {
      description: 'Docket queues and dead-letter queues',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const topicKey = new kms.Key(this, 'TopicKey', {
      description: 'Docket SES event and alarm topics',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // SES publishes sending events and CloudWatch publishes alarms to encrypted topics: both need the key.
    for (const service of ['ses.amazonaws.com', 'cloudwatch.amazonaws.com']) {
      topicKey.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
        }),
      );
    }
    const dataKey = new kms.Key(this, 'DataKey', {
      description: 'Docket case table',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.storage = new MailStorage(this, 'Mail', {
      ...(input.mailRetention ? { retention: input.mailRetention } : {}),
      unsafeAllowRetentionBelowSevenYears: props.unsafeAllowRetentionBelowSevenYears ?? false,
      expireAfterRetention: props.expireMailAfterRetention ?? false,
    });
    this.table = new CaseTable(this, 'Cases', { encryptionKey: dataKey });
    this.signingSecret = new secretsmanager.Secret(this, 'SigningSecret', {
      description: 'Docket HMAC key for signed reply addresses and feedback links',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.signingSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the HMAC key invalidates every reply address and feedback link already mailed to customers; rotate by hand with a planned overlap.',
    });

    // Asymmetric, so verifying needs only the public key, and the private key never leaves KMS: an insider
    // who edits the table and recomputes every hash still cannot sign the result.
    this.exportSigningKey = new kms.Key(this, 'ExportSigningKey', {
      description: 'Docket record export signatures (ECDSA P-256)',
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const queue = (queueId: string, consumer: HandlerName, retentionPeriod?: Duration): WorkQueue =>
      new WorkQueue(this, queueId, {
        encryptionKey: queueKey,
        consumerTimeout: HANDLER_SETTINGS[consumer].timeout,
        ...(retentionPeriod ? { retentionPeriod } : {}),
      });
    this.queues = {
      // Raw mail is in S3 already; two weeks lets a broken intake be fixed without losing a notification.
      inbound: queue('Inbound', 'intake', Duration.days(14)),
      outbound: queue('Outbound', 'mailer'),
      // Status updates, reminders and broadcast notices: behind every acknowledgement and reply.
      'outbound-bulk': queue('OutboundBulk', 'mailer'),
      timers: queue('Timers', 'timers'),
      feedback: queue('Feedback', 'feedback'),
      // Export jobs: a job's messages carry only its id; its checkpoint lives in the table.
      exports: queue('Exports', 'exports'),
    };

    this.storage.bucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.SqsDestination(this.queues.inbound.queue),
      { prefix: INBOUND_PREFIX },
    );

    this.sending = new Sending(this, 'Sending', {
      domain: input.domain,
      ...(props.hostedZone ? { hostedZone: props.hostedZone } : {}),
      feedbackQueue: this.queues.feedback.queue,
      encryptionKey: topicKey,
    });
    this.receiving = new Receiving(this, 'Receiving', {
      recipients: input.recipients,
      bucket: this.storage.bucket,
      dns: {
        ...(props.hostedZone ? { zone: props.hostedZone } : {}),
        domain: input.domain,
        dmarcPolicy: props.dmarcRecord ?? 'v=DMARC1; p=quarantine; adkim=r; aspf=r',
      },
    });

    this.handlers = new DocketHandlers(this, 'Handlers', {
      profile: input.profile,
      slaPreset: input.slaPreset,
      domain: input.domain,
      table: this.table.table,
      bucket: this.storage.bucket,
      mailRetentionDays: this.storage.retention.toDays(),
      queues: {
        inbound: this.queues.inbound.queue,
        outbound: this.queues.outbound.queue,
        'outbound-bulk': this.queues['outbound-bulk'].queue,
        timers: this.queues.timers.queue,
        feedback: this.queues.feedback.queue,
        exports: this.queues.exports.queue,
      },
      signingSecret: this.signingSecret,
      identity: this.sending.identity,
      configurationSet: this.sending.configurationSet,
      exportSigningKey: this.exportSigningKey,
      inboundMaxConcurrency: input.inboundMaxConcurrency,
      outboundMaxConcurrency: input.outboundMaxConcurrency,
      ...(props.logRetention ? { logRetention: props.logRetention } : {}),
      ...(props.handlerEntries ? { entries: props.handlerEntries } : {}),
    });

    this.api = new AgentApi(this, 'Api', {
      handler: this.handlers.functions.api,
      ...(props.threatProtection === undefined ? {} : { threatProtection: props.threatProtection }),
    });
    // Feedback links in closing mail point at this API unless the profile names a public URL.
    if (!input.profile.publicApiUrl) this.handlers.setPublicApiUrl(this.api.url);
    this.console = new AgentConsole(this, 'Console', {
      userPool: this.api.userPool,
      apiUrl: this.api.url,
      ...(props.consoleDomain ? { domainName: props.consoleDomain } : {}),
      ...(props.consoleCertificateArn ? { certificateArn: props.consoleCertificateArn } : {}),
    });
    this.api.allowBrowserOrigin(this.console.origin);

    new events.Rule(this, 'SweepSchedule', {
      description: 'Docket sweeper: arms deadline wake-ups coming due from the due-time index',
      // The sweeper's 15-minute look-ahead is reasoned from this period (lambdas/app/deadlines/sweep.ts).
      schedule: events.Schedule.rate(Duration.seconds(SWEEP_PERIOD_SECONDS)),
      targets: [new targets.LambdaFunction(this.handlers.functions.sweeper, { retryAttempts: 2 })],
    });

    this.alarms = new Alarms(this, 'Alarms', {
      encryptionKey: topicKey,
      deadLetterQueues: Object.fromEntries(Object.entries(this.queues).map(([name, q]) => [name, q.deadLetterQueue])),
      inboundQueue: this.queues.inbound.queue,
      functions: this.handlers.functions,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });
    this.acknowledgeStackSingletons();
  }

  /** CDK's stack-level helper function behind the bucket notification. */
  private acknowledgeStackSingletons(): void {
    const stack = Stack.of(this);
    const basicRole = 'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';
    const singletons = [
      { id: 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834', what: "CDK's S3 bucket-notification helper" },
    ];
    for (const { id, what } of singletons) {
      const child = stack.node.tryFindChild(id);
      if (!child) continue;
      acknowledge(
        child,
        basicRole,
        `${what} runs only at deploy time; the managed policy allows CloudWatch Logs writes only.`,
      );
      acknowledge(child, 'L1', `${what}: its runtime is chosen by aws-cdk-lib, not by Docket.`);
    }
  }
}
