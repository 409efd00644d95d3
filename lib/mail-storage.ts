import { Annotations, Aws, Duration, FeatureFlags, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export { INBOUND_PREFIX, SENT_PREFIX } from '../lambdas/shared/catalogue';

/** 23 NYCRR 200.12: records, complaint communications included, kept at least seven years (leap days counted). */
export const SEVEN_YEARS = Duration.days(7 * 365 + 2);

export interface MailStorageProps {
  /**
   * Compliance-mode retention intake and the mailer put on each object (retain-until = stored + retention):
   * nobody, root included, can delete it or shorten it before then. Below {@link SEVEN_YEARS} it needs
   * `unsafeAllowRetentionBelowSevenYears`.
   * @default SEVEN_YEARS (23 NYCRR 200.12)
   */
  readonly retention?: Duration;
  /**
   * Allows a `retention` shorter than seven years. Mail kept for less time breaks the record-keeping rules
   * Docket is built for (23 NYCRR 200.12); synth prints a warning whenever this is used.
   * @default false
   */
  readonly unsafeAllowRetentionBelowSevenYears?: boolean;
  /**
   * Expire objects once their retention has passed (a lifecycle rule; Object Lock still refuses any
   * deletion before the retain-until date). Off, mail is kept after its retention until deleted by hand.
   * @default false
   */
  readonly expireAfterRetention?: boolean;
  /**
   * How long S3 server access logs of the mail bucket are kept.
   * @default SEVEN_YEARS - who read a record is part of the record
   */
  readonly accessLogRetention?: Duration;
}

/**
 * The raw-mail bucket (raw inbound under `inbound/`, exact outbound MIME under `sent/`): the record of
 * every message in its original form. Customer-managed KMS key with rotation as default encryption (the
 * SES S3 action's own KMS option is client-side and unreadable from Node), TLS only, public access
 * blocked, versioning, RETAIN, server access logs to a separate bucket.
 *
 * Object Lock is enabled but has no default retention: SES refuses to deliver into a bucket whose Object
 * Lock configuration carries a default retention period (SES developer guide, S3 action). Intake and the
 * mailer therefore put compliance-mode retention on each object they keep (`PutObjectRetention`, or the
 * lock headers on `PutObject`), using {@link MailStorage.retention}; see docs/deploy.md.
 */
export class MailStorage extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly key: kms.Key;
  public readonly accessLogBucket: s3.Bucket;
  /** Retention each kept object gets; intake and the mailer read it as MAIL_RETENTION_DAYS. */
  public readonly retention: Duration;

  constructor(scope: Construct, id: string, props: MailStorageProps = {}) {
    super(scope, id);
    const retention = props.retention ?? SEVEN_YEARS;
    this.retention = retention;
    if (retention.isUnresolved()) throw new Error('mail retention must be a concrete duration, not a token');
    const days = retention.toDays({ integral: false });
    if (!Number.isInteger(days) || days < 1)
      throw new Error(`mail retention must be whole days, at least one; got ${days}`);
    if (days < SEVEN_YEARS.toDays()) {
      if (!props.unsafeAllowRetentionBelowSevenYears) {
        throw new Error(
          `mail retention of ${days} days is below seven years (${SEVEN_YEARS.toDays()} days, 23 NYCRR 200.12); ` +
            'set unsafeAllowRetentionBelowSevenYears: true (context mailRetentionBelowSevenYears=true) if that is really meant',
        );
      }
      Annotations.of(this).addWarningV2(
        'docket:mail-retention-below-seven-years',
        `mail is retained for only ${days} days, less than the seven years (${SEVEN_YEARS.toDays()} days) of 23 NYCRR 200.12`,
      );
    }

    this.key = new kms.Key(this, 'Key', {
      description: 'Docket raw mail bucket',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // SES writes with the S3 action as ses.amazonaws.com; with SSE-KMS default encryption S3 asks KMS for a
    // data key on its behalf, so SES needs the key too, only for this account's receipt rules.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Encrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );

    // S3 server access logs can only be delivered to SSE-S3 buckets, hence not the KMS key. With the
    // feature flag (set in cdk.json) log delivery is granted by bucket policy and ACLs stay disabled; an
    // embedding app without it gets CDK's ACL-based grant, which needs ObjectWriter ownership.
    const logsByPolicy = FeatureFlags.of(this).isEnabled(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY);
    this.accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: logsByPolicy ? s3.ObjectOwnership.BUCKET_OWNER_ENFORCED : s3.ObjectOwnership.OBJECT_WRITER,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: props.accessLogRetention ?? SEVEN_YEARS }],
    });
    Validations.of(this.accessLogBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log target of the mail bucket; logging it into itself would loop.',
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      // Enabled, with no default retention (see the class comment): retention is set per object.
      objectLockEnabled: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'mail/',
      lifecycleRules: [
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        ...(props.expireAfterRetention ? expiryRules(retention) : []),
      ],
    });
  }
}

/**
 * Lifecycle rules that remove mail after its retention: the current version gets a delete marker a day
 * after retain-until (objects are locked when stored, so retain-until <= created + retention + clock skew),
 * and the then noncurrent version goes a day later. S3 lifecycle never removes a version still locked.
 */
function expiryRules(retention: Duration): s3.LifecycleRule[] {
  return [
    {
      id: 'ExpireAfterRetention',
      expiration: Duration.days(retention.toDays() + 1),
      noncurrentVersionExpiration: Duration.days(1),
    },
    { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
  ];
}
