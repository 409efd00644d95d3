import { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FirmProfile } from '../lambdas/core/firm-profile';
import { DocketFunction, HANDLER_NAMES, type HandlerName } from './functions';
import { CATALOGUE, consumedQueues, ENV, type ConsumedQueue } from '../lambdas/shared/catalogue';
import { grantFromCatalogue, type CatalogueResources } from './grants';

/** Per-handler sizing. Queue visibility follows the timeout (lib/queues.ts). */
export const HANDLER_SETTINGS: Readonly<
  Record<HandlerName, { readonly timeout: Duration; readonly memorySize: number; readonly description: string }>
> = {
  // Parsing a 40 MB message (SES S3-action limit) with mailparser wants memory and time.
  intake: { timeout: Duration.seconds(120), memorySize: 1024, description: CATALOGUE.intake.description },
  mailer: { timeout: Duration.seconds(60), memorySize: 512, description: CATALOGUE.mailer.description },
  timers: { timeout: Duration.seconds(60), memorySize: 512, description: CATALOGUE.timers.description },
  sweeper: { timeout: Duration.seconds(120), memorySize: 512, description: CATALOGUE.sweeper.description },
  // API Gateway HTTP APIs give up after 30 s.
  api: { timeout: Duration.seconds(29), memorySize: 1024, description: CATALOGUE.api.description },
  feedback: { timeout: Duration.seconds(30), memorySize: 256, description: CATALOGUE.feedback.description },
  // An invocation works an export job for up to 5 minutes and then queues its continuation; it holds one
  // 8 MiB part of the file and one page of cases in memory, whatever the range (lambdas/app/records).
  exports: { timeout: Duration.seconds(300), memorySize: 1024, description: CATALOGUE.exports.description },
};

export interface DocketHandlersProps {
  readonly profile: FirmProfile;
  readonly slaPreset: string;
  readonly domain: string;
  readonly table: dynamodb.ITable;
  readonly bucket: s3.IBucket;
  /** Compliance retention intake and the mailer put on each raw and sent object, in whole days. */
  readonly mailRetentionDays: number;
  readonly queues: Readonly<Record<ConsumedQueue, sqs.IQueue>>;
  readonly signingSecret: secretsmanager.ISecret;
  readonly identity: ses.IEmailIdentity;
  readonly configurationSet: ses.IConfigurationSet;
  /** Signs record exports (asymmetric, ECC_NIST_P256). */
  readonly exportSigningKey: kms.IKey;
  readonly inboundMaxConcurrency: number;
  readonly outboundMaxConcurrency: number;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** @default - lambdas/handlers/<name>.ts */
  readonly entries?: Partial<Record<HandlerName, string>>;
}

/**
 * The seven functions and what each may touch: exactly their entries of the function catalogue
 * (lambdas/shared/catalogue.ts), granted through lib/grants.ts, which also sets the variables each
 * handler's config requires.
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

    // The permission table is lambdas/shared/catalogue.ts; this loop is its only reader in lib/.
    const resources: CatalogueResources = {
      table: props.table,
      bucket: props.bucket,
      mailRetentionDays: props.mailRetentionDays,
      queues: {
        outbound: props.queues.outbound,
        'outbound-bulk': props.queues['outbound-bulk'],
        timers: props.queues.timers,
        exports: props.queues.exports,
      },
      signingSecret: props.signingSecret,
      ses: { identity: props.identity, domain: props.domain, configurationSet: props.configurationSet },
      exportSigningKey: props.exportSigningKey,
    };
    for (const name of HANDLER_NAMES) grantFromCatalogue(fns[name], CATALOGUE[name], resources);

    // Event sources as the catalogue says (`consumes`); concurrency caps protect DynamoDB and SES. The
    // mailer's rate is set by the shared send budget, not by its concurrency: each invocation works 10
    // mails at once and a send waits a few seconds at most for its place. 4 interactive invocations (40
    // mails in hand) stay inside the budget's 4-second look-ahead at 14/s and up, so under a surge mail
    // waits for its place in arrival order instead of being deferred behind later mail; the local surge
    // test measured 2 (20 in hand) draining at about half the budget. The bulk lane stays at the SQS
    // minimum of 2: it only uses what the interactive lane leaves of the budget anyway.
    const maxConcurrency: Readonly<Record<ConsumedQueue, number>> = {
      inbound: props.inboundMaxConcurrency,
      outbound: props.outboundMaxConcurrency,
      'outbound-bulk': 2,
      timers: 5,
      feedback: 2,
      // Export jobs are few and each one long: two at a time keep DynamoDB reads for the rest.
      exports: 2,
    };
    for (const name of HANDLER_NAMES) {
      for (const consumes of consumedQueues(CATALOGUE[name])) {
        fns[name].addEventSource(
          new sources.SqsEventSource(props.queues[consumes], {
            // An export job takes a whole invocation; every other message a few milliseconds to seconds.
            batchSize: consumes === 'exports' ? 1 : 10,
            reportBatchItemFailures: true,
            maxConcurrency: maxConcurrency[consumes],
          }),
        );
      }
    }
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
