import { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FirmProfile } from '../lambdas/core/firm-profile';
import { DocketFunction, HANDLER_NAMES, type HandlerName } from './functions';
import {
  ENV,
  grantMailBucket,
  grantSendRawEmail,
  grantSendTo,
  grantSigningSecret,
  grantTable,
  referenceOnly,
} from './grants';
import { INBOUND_PREFIX, SENT_PREFIX } from './mail-storage';

/** Per-handler sizing. Queue visibility follows the timeout (lib/queues.ts). */
export const HANDLER_SETTINGS: Readonly<
  Record<HandlerName, { readonly timeout: Duration; readonly memorySize: number; readonly description: string }>
> = {
  // Parsing a 40 MB message (SES S3-action limit) with mailparser wants memory and time.
  intake: { timeout: Duration.seconds(120), memorySize: 1024, description: 'Docket intake: raw mail to cases' },
  mailer: { timeout: Duration.seconds(60), memorySize: 512, description: 'Docket mailer: outbound mail through SES' },
  timers: {
    timeout: Duration.seconds(60),
    memorySize: 512,
    description: 'Docket timers: reminders, escalations, updates',
  },
  sweeper: {
    timeout: Duration.seconds(120),
    memorySize: 512,
    description: 'Docket sweeper: re-arms lost deadline wake-ups',
  },
  // API Gateway HTTP APIs give up after 30 s.
  api: { timeout: Duration.seconds(29), memorySize: 1024, description: 'Docket agent API' },
  feedback: {
    timeout: Duration.seconds(30),
    memorySize: 256,
    description: 'Docket feedback: SES bounces and complaints',
  },
};

export interface DocketHandlersProps {
  readonly profile: FirmProfile;
  readonly slaPreset: string;
  readonly domain: string;
  readonly table: dynamodb.ITable;
  readonly bucket: s3.IBucket;
  /** Compliance retention intake and the mailer put on each raw and sent object, in whole days. */
  readonly mailRetentionDays: number;
  readonly queues: Readonly<Record<'inbound' | 'outbound' | 'timers' | 'feedback', sqs.IQueue>>;
  readonly signingSecret: secretsmanager.ISecret;
  readonly identity: ses.IEmailIdentity;
  readonly configurationSet: ses.IConfigurationSet;
  readonly inboundMaxConcurrency: number;
  readonly outboundMaxConcurrency: number;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** @default - lambdas/handlers/<name>.ts */
  readonly entries?: Partial<Record<HandlerName, string>>;
}

/**
 * The six functions and what each may touch. Every grant goes through lib/grants.ts, which also sets the
 * environment variable the handler's config reads; read this constructor as the permission table.
 */
export class DocketHandlers extends Construct {
  public readonly functions: Readonly<Record<HandlerName, DocketFunction>>;
  private readonly profile: FirmProfile;

  constructor(scope: Construct, id: string, props: DocketHandlersProps) {
    super(scope, id);
    this.profile = props.profile;
    const fns = Object.fromEntries(
      HANDLER_NAMES.map((name) => {
        const s = HANDLER_SETTINGS[name];
        const entry = props.entries?.[name];
        const fn = new DocketFunction(this, name, {
          handlerName: name,
          description: s.description,
          timeout: s.timeout,
          memorySize: s.memorySize,
          ...(props.logRetention ? { logRetention: props.logRetention } : {}),
          ...(entry ? { entry } : {}),
        });
        fn.addEnvironment(ENV.slaPreset, props.slaPreset);
        return [name, fn];
      }),
    ) as Record<HandlerName, DocketFunction>;
    this.functions = fns;
    this.setProfile(props.profile);

    const { table, bucket, queues } = props;
    const ses = { identity: props.identity, domain: props.domain, configurationSet: props.configurationSet };

    // intake: reads raw mail, writes the case, queues the acknowledgement and the deadlines.
    grantTable(fns.intake, table, 'readWrite');
    grantMailBucket(fns.intake, bucket, {
      read: [INBOUND_PREFIX],
      retain: { prefixes: [INBOUND_PREFIX], days: props.mailRetentionDays },
    });
    grantSendTo(fns.intake, ENV.outboundQueueUrl, queues.outbound);
    grantSendTo(fns.intake, ENV.timersQueueUrl, queues.timers);

    // mailer: renders, stores the exact MIME under sent/, sends through SES, records on the case.
    grantTable(fns.mailer, table, 'readWrite');
    grantMailBucket(fns.mailer, bucket, {
      write: [SENT_PREFIX],
      retain: { prefixes: [SENT_PREFIX], days: props.mailRetentionDays },
    });
    grantSendRawEmail(fns.mailer, ses);
    referenceOnly(fns.mailer, ENV.outboundQueueUrl, queues.outbound.queueUrl);
    referenceOnly(fns.mailer, ENV.timersQueueUrl, queues.timers.queueUrl);

    // timers: acts on due deadlines, re-enqueues long waits, queues reminders and status updates.
    grantTable(fns.timers, table, 'readWrite');
    grantSendTo(fns.timers, ENV.timersQueueUrl, queues.timers);
    grantSendTo(fns.timers, ENV.outboundQueueUrl, queues.outbound);
    referenceOnly(fns.timers, ENV.mailBucket, bucket.bucketName);

    // sweeper: finds open deadlines without a pending wake-up and re-arms them.
    grantTable(fns.sweeper, table, 'readWrite');
    grantSendTo(fns.sweeper, ENV.timersQueueUrl, queues.timers);
    referenceOnly(fns.sweeper, ENV.outboundQueueUrl, queues.outbound.queueUrl);
    referenceOnly(fns.sweeper, ENV.mailBucket, bucket.bucketName);

    // api: agents read cases and raw mail, reply (outbound) and change deadlines (timers).
    grantTable(fns.api, table, 'readWrite');
    grantMailBucket(fns.api, bucket, { read: [INBOUND_PREFIX, SENT_PREFIX] });
    grantSendTo(fns.api, ENV.outboundQueueUrl, queues.outbound);
    grantSendTo(fns.api, ENV.timersQueueUrl, queues.timers);

    // feedback: annotates cases and suppresses addresses after bounces and complaints.
    grantTable(fns.feedback, table, 'readWrite');
    referenceOnly(fns.feedback, ENV.mailBucket, bucket.bucketName);
    referenceOnly(fns.feedback, ENV.outboundQueueUrl, queues.outbound.queueUrl);
    referenceOnly(fns.feedback, ENV.timersQueueUrl, queues.timers.queueUrl);

    // Only the functions that sign (reply addresses, feedback links) may read the signing key; the others
    // build their container with `signing: false` and get the ARN for configuration completeness only.
    for (const name of ['intake', 'mailer', 'timers', 'api'] as const)
      grantSigningSecret(fns[name], props.signingSecret);
    for (const name of ['feedback', 'sweeper'] as const)
      referenceOnly(fns[name], ENV.signingSecretArn, props.signingSecret.secretArn);

    const fromQueue = (queue: sqs.IQueue, maxConcurrency: number): sources.SqsEventSource =>
      new sources.SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency });
    fns.intake.addEventSource(fromQueue(queues.inbound, props.inboundMaxConcurrency));
    fns.mailer.addEventSource(fromQueue(queues.outbound, props.outboundMaxConcurrency));
    fns.timers.addEventSource(fromQueue(queues.timers, 5));
    fns.feedback.addEventSource(fromQueue(queues.feedback, 2));
  }

  /** Points feedback links at the deployed API (a token until deploy) when the profile names none. */
  public setPublicApiUrl(url: string): void {
    this.setProfile({ ...this.profile, publicApiUrl: url });
  }

  private setProfile(profile: FirmProfile): void {
    const json = Stack.of(this).toJsonString(profile);
    for (const name of HANDLER_NAMES) this.functions[name].addEnvironment(ENV.profile, json);
  }
}
