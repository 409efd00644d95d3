import { Aws, Duration, FeatureFlags, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Key prefix SES writes raw inbound mail under; the S3 notification to the intake queue filters on it. */
export const INBOUND_PREFIX = 'inbound/';
/** Key prefix the mailer writes the exact MIME it sent under. */
export const SENT_PREFIX = 'sent/';

/** 23 NYCRR 200.12: records, complaint communications included, kept at least seven years (leap days counted). */
export const SEVEN_YEARS = Duration.days(7 * 365 + 2);

export interface MailStorageProps {
  /**
   * Object Lock default retention, compliance mode: nobody, root included, can delete or shorten it.
   * @default SEVEN_YEARS (23 NYCRR 200.12)
   */
  readonly retention?: Duration;
  /**
   * How long S3 server access logs of the mail bucket are kept.
   * @default SEVEN_YEARS - who read a record is part of the record
   */
  readonly accessLogRetention?: Duration;
}

/**
 * The raw-mail bucket (raw inbound under `inbound/`, exact outbound MIME under `sent/`): the record of
 * every message in its original form (DESIGN.md "Raw mail is the record"). Customer-managed KMS key with
 * rotation as default encryption (the SES S3 action's own KMS option is client-side and unreadable from
 * Node: DESIGN.md), TLS only, public access blocked, versioning, Object Lock in compliance mode (legal
 * holds can be placed per object), RETAIN, server access logs to a separate bucket.
 */
export class MailStorage extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly key: kms.Key;
  public readonly accessLogBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: MailStorageProps = {}) {
    super(scope, id);
    const retention = props.retention ?? SEVEN_YEARS;
    if (!retention.isUnresolved() && retention.toDays() < 1) throw new Error('mail retention must be at least one day');

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
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(retention),
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'mail/',
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
  }
}
