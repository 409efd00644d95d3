import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { acknowledge, nagArn } from './nag';

/**
 * The environment variables lambdas/shared/config.ts reads. Each helper below sets one of them and grants
 * exactly the access it names in the same call (STYLE.md item 5), so IAM and config cannot drift apart.
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  mailBucket: 'MAIL_BUCKET',
  outboundQueueUrl: 'OUTBOUND_QUEUE_URL',
  timersQueueUrl: 'TIMERS_QUEUE_URL',
  profile: 'DOCKET_PROFILE',
  slaPreset: 'SLA_PRESET',
  signingSecretArn: 'SIGNING_SECRET_ARN',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  mailRetentionDays: 'MAIL_RETENTION_DAYS',
} as const;

export type QueueEnv = typeof ENV.outboundQueueUrl | typeof ENV.timersQueueUrl;

/** Sets TABLE_NAME and grants read (`'read'`) or read/write (`'readWrite'`) on items and indexes. */
export function grantTable(fn: lambda.Function, table: dynamodb.ITable, access: 'read' | 'readWrite'): void {
  fn.addEnvironment(ENV.tableName, table.tableName);
  if (access === 'read') table.grantReadData(fn);
  else table.grantReadWriteData(fn);
  acknowledge(
    fn,
    `IAM5[Resource::${nagArn(fn, table.tableArn, '/index/*')}]`,
    'Queries the indexes of its own table (byCustomer, byStatus, openDeadlines); the wildcard covers those indexes only.',
  );
  acknowledgeKeyGrant(fn);
}

/** CDK's grants on a customer-managed key use `kms:GenerateDataKey*`/`kms:ReEncrypt*`, scoped to that one key ARN. */
function acknowledgeKeyGrant(fn: lambda.Function): void {
  for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
    acknowledge(
      fn,
      `IAM5[Action::${action}]`,
      `${action} comes from CDK's grant on Docket's customer-managed key and applies to that key's ARN only.`,
    );
  }
}

/** Which key prefixes of the mail bucket a function may read and write (`'inbound/'`, `'sent/'`; `''` is all). */
export interface MailBucketAccess {
  /** @default - no read access */
  readonly read?: readonly string[];
  /** @default - no write access */
  readonly write?: readonly string[];
  /**
   * Prefixes whose objects the function puts compliance-mode retention on (`s3:PutObjectRetention`, also
   * needed for the lock headers on `PutObject`); sets MAIL_RETENTION_DAYS.
   * @default - no retention
   */
  readonly retain?: { readonly prefixes: readonly string[]; readonly days: number };
}

/**
 * Sets MAIL_BUCKET and grants object access per key prefix. Never grants delete: the mail is the record
 * (23 NYCRR 200.12), and Object Lock would refuse it anyway.
 */
export function grantMailBucket(fn: lambda.Function, bucket: s3.IBucket, access: MailBucketAccess): void {
  fn.addEnvironment(ENV.mailBucket, bucket.bucketName);
  for (const prefix of access.read ?? []) bucket.grantRead(fn, `${prefix}*`);
  const objects = (prefixes: readonly string[]): string[] => prefixes.map((p) => bucket.arnForObjects(`${p}*`));
  // Not grantPut: it adds s3:PutObjectLegalHold, s3:PutObjectRetention and tagging to every writer.
  if (access.write?.length) {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: objects(access.write) }));
    bucket.encryptionKey?.grantEncrypt(fn);
  }
  if (access.retain) {
    fn.addEnvironment(ENV.mailRetentionDays, String(access.retain.days));
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObjectRetention'], resources: objects(access.retain.prefixes) }),
    );
  }
  for (const prefix of new Set([...(access.read ?? []), ...(access.write ?? []), ...(access.retain?.prefixes ?? [])])) {
    acknowledge(
      fn,
      `IAM5[Resource::${nagArn(fn, bucket.bucketArn, `/${prefix}*`)}]`,
      `Object keys are per message; access is limited to the ${prefix || 'whole'} prefix of the mail bucket.`,
    );
  }
  if (access.read?.length) {
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*']) {
      acknowledge(
        fn,
        `IAM5[Action::${action}]`,
        `${action} from CDK's grantRead, limited to the mail bucket and the granted prefixes.`,
      );
    }
  }
  acknowledgeKeyGrant(fn);
}

/** Sets OUTBOUND_QUEUE_URL or TIMERS_QUEUE_URL and grants sqs:SendMessage (plus the queue key's encrypt). */
export function grantSendTo(fn: lambda.Function, envName: QueueEnv, queue: sqs.IQueue): void {
  fn.addEnvironment(envName, queue.queueUrl);
  queue.grantSendMessages(fn);
  acknowledgeKeyGrant(fn);
}

/**
 * Sets the variable to the resource's name or URL and grants nothing. `loadConfig()` requires every
 * variable of ENV in every handler; a handler that never touches the resource still needs the value to
 * start, and IAM denies it any call (least privilege).
 */
export function referenceOnly(fn: lambda.Function, envName: (typeof ENV)[keyof typeof ENV], value: string): void {
  fn.addEnvironment(envName, value);
}

/** Sets SIGNING_SECRET_ARN and grants secretsmanager:GetSecretValue on that one secret. */
export function grantSigningSecret(fn: lambda.Function, secret: secretsmanager.ISecret): void {
  fn.addEnvironment(ENV.signingSecretArn, secret.secretArn);
  secret.grantRead(fn);
}

/** What a function may send through SES. */
export interface SesSendAccess {
  readonly identity: ses.IEmailIdentity;
  /** The verified domain, for the `ses:FromAddress` condition. */
  readonly domain: string;
  readonly configurationSet: ses.IConfigurationSet;
}

/**
 * Sets SES_CONFIGURATION_SET and grants `ses:SendRawEmail` on the domain identity and the configuration
 * set only, and only with a From address in the domain: a compromised function cannot spoof another
 * verified identity of the account.
 */
export function grantSendRawEmail(fn: lambda.Function, access: SesSendAccess): void {
  fn.addEnvironment(ENV.sesConfigurationSet, access.configurationSet.configurationSetName);
  const { region, account, partition } = Stack.of(fn);
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['ses:SendRawEmail'],
      resources: [
        access.identity.emailIdentityArn,
        `arn:${partition}:ses:${region}:${account}:configuration-set/${access.configurationSet.configurationSetName}`,
      ],
      conditions: { StringLike: { 'ses:FromAddress': `*@${access.domain}` } },
    }),
  );
}
