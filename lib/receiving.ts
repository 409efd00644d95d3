import * as path from 'node:path';
import { Aws, CfnOutput, CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { INBOUND_PREFIX } from './mail-storage';
import { acknowledge, nagArn } from './nag';

const PROJECT_ROOT = path.join(__dirname, '..');

/**
 * Everything the rule-set function may call, and all it calls (a test compares the synthesized role
 * with this list). SES receipt rule and rule set actions support no resource-level permissions (Service
 * Authorization Reference, Amazon SES v1), hence `*`.
 */
export const RULE_SET_ACTIONS = [
  'ses:DescribeActiveReceiptRuleSet',
  'ses:DescribeReceiptRuleSet',
  'ses:CreateReceiptRuleSet',
  'ses:DeleteReceiptRuleSet',
  'ses:SetActiveReceiptRuleSet',
  'ses:CreateReceiptRule',
  'ses:DeleteReceiptRule',
] as const;

export interface ReceivingProps {
  /**
   * Addresses (or domains) the receipt rule accepts. SES also matches their plus-addressed forms, which
   * carry reply tokens (support+<number>.<signature>@domain).
   */
  readonly recipients: readonly string[];
  /** Bucket the S3 action writes raw mail into, under `inbound/`. */
  readonly bucket: s3.IBucket;
  /**
   * Name of the rule set Docket creates and activates when no set is active in the region.
   * @default `docket-<stack name>`
   */
  readonly ownRuleSetName?: string;
  /**
   * Domain whose MX points at SES receiving, and its DMARC policy. With a zone the MX and DMARC records
   * are created there (CloudFormation fails on a record that already exists: docs/deploy.md); without
   * one they are printed as stack outputs.
   * @default - no records and no outputs
   */
  readonly dns?: {
    readonly zone?: route53.IHostedZone;
    readonly domain: string;
    readonly dmarcPolicy: string;
  };
}

/**
 * SES receiving without clobbering the account's own: only one receipt rule set is active per region, so
 * a custom resource (lambdas/deploy/receipt-rule-set.ts) picks the target set at deploy time: the active
 * one if there is one (Docket's rule joins it, after its existing rules), else Docket's own set, which it
 * creates and activates, and on delete deactivates and removes again. The rule itself stays a
 * CloudFormation resource: TLS required, spam and virus scanning on, S3 action into `inbound/`.
 */
export class Receiving extends Construct {
  /** The rule set the rule went into (a deploy-time value). */
  public readonly ruleSetName: string;
  public readonly rule: ses.ReceiptRule;

  constructor(scope: Construct, id: string, props: ReceivingProps) {
    super(scope, id);
    if (props.recipients.length === 0) throw new Error('receiving needs at least one recipient address');
    if (props.recipients.length > 100) throw new Error('an SES receipt rule accepts at most 100 recipients');

    const target = this.targetRuleSet(props.ownRuleSetName ?? `docket-${Stack.of(this).stackName}`);
    this.ruleSetName = target.getAttString('RuleSetName');
    this.rule = new ses.ReceiptRule(this, 'Support', {
      ruleSet: ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'Target', this.ruleSetName),
      after: ses.ReceiptRule.fromReceiptRuleName(this, 'After', target.getAttString('After')),
      recipients: [...props.recipients],
      enabled: true,
      // Mail on an unencrypted connection is bounced, not stored: customer data only over TLS.
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      // Spam and virus verdicts drive quarantine (docs/architecture.md, "Trust SES's verdicts").
      scanEnabled: true,
      // Bucket default encryption (KMS), not the action's client-side kmsKey (docs/architecture.md, "Facts about SES").
      actions: [new actions.S3({ bucket: props.bucket, objectKeyPrefix: INBOUND_PREFIX })],
    });
    if (props.dns) this.addRecords(props.dns);
  }

  private targetRuleSet(ownRuleSetName: string): CustomResource {
    const logGroup = new logs.LogGroup(this, 'RuleSetLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const onEvent = new nodejs.NodejsFunction(this, 'RuleSetHandler', {
      entry: path.join(PROJECT_ROOT, 'lambdas', 'deploy', 'receipt-rule-set.ts'),
      handler: 'handler',
      description: 'Docket deploy step: picks the SES receipt rule set for the Docket rule',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.minutes(1),
      logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      bundling: { minify: true, target: 'node22', bundleAwsSDK: true },
    });
    // SES receipt rule and rule set actions support no resource-level permissions (Service
    // Authorization Reference, Amazon SES v1).
    onEvent.addToRolePolicy(new iam.PolicyStatement({ actions: [...RULE_SET_ACTIONS], resources: ['*'] }));
    const provider = new cr.Provider(this, 'RuleSetProvider', { onEventHandler: onEvent });
    for (const scope of [onEvent, provider] as Construct[]) {
      acknowledge(
        scope,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'A deploy-time function; the managed policy allows CloudWatch Logs writes only.',
      );
      acknowledge(
        scope,
        'IAM5[Resource::*]',
        'SES receipt rule set actions support no resource-level permissions; the role can call only those.',
      );
      acknowledge(
        scope,
        'L1',
        'Deploy-time function on Node 22 like the handlers; the provider runtime is chosen by aws-cdk-lib.',
      );
    }
    acknowledge(
      provider,
      `IAM5[Resource::${nagArn(provider, onEvent.functionArn, ':*')}]`,
      "CDK's provider framework invokes the rule-set function's versions and aliases.",
    );
    return new CustomResource(this, 'RuleSet', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::DocketReceiptRuleSet',
      properties: { OwnRuleSetName: ownRuleSetName },
    });
  }

  private addRecords(dns: NonNullable<ReceivingProps['dns']>): void {
    const inboundMx = `inbound-smtp.${Aws.REGION}.amazonaws.com`;
    const { zone } = dns;
    if (!zone) {
      new CfnOutput(this, 'Mx', { description: 'MX record to create', value: `${dns.domain} MX 10 ${inboundMx}` });
      new CfnOutput(this, 'Dmarc', {
        description: 'DMARC: TXT record to create',
        value: `_dmarc.${dns.domain} TXT "${dns.dmarcPolicy}"`,
      });
      return;
    }
    new route53.MxRecord(this, 'Mx', { zone, recordName: dns.domain, values: [{ priority: 10, hostName: inboundMx }] });
    new route53.TxtRecord(this, 'Dmarc', { zone, recordName: `_dmarc.${dns.domain}`, values: [dns.dmarcPolicy] });
  }
}
