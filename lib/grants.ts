import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import {
  ENV,
  queueEnv,
  TABLE_WRITE,
  type BucketAccess,
  type FunctionEntry,
  type SendQueue,
  type TableAccess,
} from '../lambdas/shared/catalogue';
import { acknowledge, nagArn } from './nag';

/** What a function may send through SES. */
export interface SesSendAccess {
  readonly identity: ses.IEmailIdentity;
  /** The verified domain, for the `ses:FromAddress` condition. */
  readonly domain: string;
  readonly configurationSet: ses.IConfigurationSet;
}

/** The resources the catalogue's permissions refer to. */
export interface CatalogueResources {
  readonly table: dynamodb.ITable;
  readonly bucket: s3.IBucket;
  readonly mailRetentionDays: number;
  readonly queues: Readonly<Record<SendQueue, sqs.IQueue>>;
  readonly signingSecret: secretsmanager.ISecret;
  readonly ses: SesSendAccess;
  /** The asymmetric key (ECC_NIST_P256, SIGN_VERIFY) that signs record exports. */
  readonly exportSigningKey: kms.IKey;
}

/**
 * Grants a function exactly its catalogue entry (lambdas/shared/catalogue.ts) and sets exactly the
 * variables that entry implies, in the same call: IAM, the handler's config and the
 * local stack read one table and cannot drift apart.
 */
export function grantFromCatalogue(fn: lambda.Function, entry: FunctionEntry, r: CatalogueResources): void {
  grantTable(fn, r.table, entry.table);
  if (entry.bucket) grantMailBucket(fn, r.bucket, entry.bucket, r.mailRetentionDays);
  for (const queue of entry.sendsTo) grantSendTo(fn, queue, r.queues[queue]);
  if (entry.signing) grantSigningSecret(fn, r.signingSecret);
  if (entry.sesSend) grantSendRawEmail(fn, r.ses);
  if (entry.exportSigning) grantExportSigning(fn, r.exportSigningKey);
}

/**
 * Sets EXPORT_SIGNING_KEY_ID and grants `kms:Sign` and `kms:GetPublicKey` on the export signing key only:
 * whoever can write the table still cannot sign a forged export.
 */
function grantExportSigning(fn: lambda.Function, key: kms.IKey): void {
  fn.addEnvironment(ENV.exportSigningKeyId, key.keyArn);
  key.grant(fn, 'kms:Sign', 'kms:GetPublicKey');
}

/** Sets TABLE_NAME and grants the entry's item actions on the table and its indexes, nothing more. */
function grantTable(fn: lambda.Function, table: dynamodb.ITable, access: TableAccess): void {
  fn.addEnvironment(ENV.tableName, table.tableName);
  table.grant(fn, ...access.actions);
  const key = table.encryptionKey;
  if (key) {
    const writes = access.actions.some((a) => (TABLE_WRITE as readonly string[]).includes(a));
    if (writes) key.grantEncryptDecrypt(fn);
    else key.grantDecrypt(fn);
  }
  if (access.deleteIn?.length) {
    // Deletes only items whose partition key starts with one of the prefixes: never a case or its events.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:DeleteItem'],
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': access.deleteIn.map((p) => `${p}*`) },
        },
      }),
    );
  }
  acknowledge(
    fn,
    `IAM5[Resource::${nagArn(fn, table.tableArn, '/index/*')}]`,
    'Queries the indexes of its own table (byCustomer, byStatus, casesByStatus, dueDeadlines); the wildcard covers those indexes only.',
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

/**
 * Sets MAIL_BUCKET (and MAIL_RETENTION_DAYS for lockers) and grants object access per key prefix, with
 * hand-written statements: CDK's grantRead adds bucket listing and grantPut adds legal holds, retention
 * and tagging. Never grants delete: the mail is the record (23 NYCRR 200.12), and Object Lock would
 * refuse it anyway.
 */
function grantMailBucket(fn: lambda.Function, bucket: s3.IBucket, access: BucketAccess, retentionDays: number): void {
  fn.addEnvironment(ENV.mailBucket, bucket.bucketName);
  const objects = (prefixes: readonly string[]): string[] => prefixes.map((p) => bucket.arnForObjects(`${p}*`));
  const allow = (action: string, prefixes: readonly string[] | undefined): void => {
    if (prefixes?.length)
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: [action], resources: objects(prefixes) }));
  };
  allow('s3:GetObject', access.read);
  allow('s3:PutObject', access.write);
  allow('s3:PutObjectRetention', access.retain);
  // Where a function reads what it locks, it may read the lock too: intake's GetObject then carries the raw
  // mail's current retention, and a redelivery leaves an already long enough lock alone (ADR 0001).
  allow('s3:GetObjectRetention', lockedAndRead(access));
  if (access.read?.length) bucket.encryptionKey?.grantDecrypt(fn);
  if (access.write?.length) bucket.encryptionKey?.grantEncrypt(fn);
  if (access.retain?.length) fn.addEnvironment(ENV.mailRetentionDays, String(retentionDays));
  for (const prefix of new Set([...(access.read ?? []), ...(access.write ?? []), ...(access.retain ?? [])])) {
    acknowledge(
      fn,
      `IAM5[Resource::${nagArn(fn, bucket.bucketArn, `/${prefix}*`)}]`,
      `Object keys are per message; access is limited to the ${prefix} prefix of the mail bucket.`,
    );
  }
  acknowledgeKeyGrant(fn);
}

/** Prefixes a function both reads and locks. */
const lockedAndRead = (access: BucketAccess): string[] =>
  (access.retain ?? []).filter((p) => (access.read ?? []).includes(p));

/** Sets the queue's URL variable and grants sqs:SendMessage (plus the queue key's encrypt). */
function grantSendTo(fn: lambda.Function, queue: SendQueue, target: sqs.IQueue): void {
  fn.addEnvironment(queueEnv(queue), target.queueUrl);
  target.grantSendMessages(fn);
  acknowledgeKeyGrant(fn);
}

/** Sets SIGNING_SECRET_ARN and grants secretsmanager:GetSecretValue on that one secret. */
function grantSigningSecret(fn: lambda.Function, secret: secretsmanager.ISecret): void {
  fn.addEnvironment(ENV.signingSecretArn, secret.secretArn);
  secret.grantRead(fn);
}

/**
 * Sets SES_CONFIGURATION_SET and grants `ses:SendRawEmail` on the domain identity and the configuration
 * set only, and only with a From address in the domain: a compromised function cannot spoof another
 * verified identity of the account. A sender also reads the account's quota (`ses:GetSendQuota`), which
 * sizes the shared send budget.
 */
function grantSendRawEmail(fn: lambda.Function, access: SesSendAccess): void {
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
  // The send budget is sized from the account's quota, read at cold start and every few minutes.
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:GetSendQuota'], resources: ['*'] }));
  acknowledge(
    fn,
    'IAM5[Resource::*]',
    'ses:GetSendQuota reads the account-wide sending quota and supports no resource-level permissions (SES service authorization reference).',
  );
}
