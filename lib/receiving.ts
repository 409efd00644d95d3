import { Aws, CfnOutput, Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { INBOUND_PREFIX } from './mail-storage';

export interface ReceivingProps {
  /**
   * Addresses (or domains) the receipt rule accepts. SES also matches their plus-addressed forms, which
   * carry reply tokens (support+<number>.<signature>@domain).
   */
  readonly recipients: readonly string[];
  /** Bucket the S3 action writes raw mail into, under `inbound/`. */
  readonly bucket: s3.IBucket;
  /**
   * Make this stack's rule set the account's active one (only one is active per account and region).
   * @default true
   */
  readonly activate?: boolean;
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
 * SES receiving: a receipt rule set with one rule for the support recipients (TLS required, spam and virus
 * scanning on, S3 action into `inbound/`), activated by a custom resource because CloudFormation cannot
 * (docs/architecture.md, "Facts about SES"); deactivated again when the stack is deleted.
 */
export class Receiving extends Construct {
  public readonly ruleSet: ses.ReceiptRuleSet;
  public readonly rule: ses.ReceiptRule;

  constructor(scope: Construct, id: string, props: ReceivingProps) {
    super(scope, id);
    if (props.recipients.length === 0) throw new Error('receiving needs at least one recipient address');
    if (props.recipients.length > 100) throw new Error('an SES receipt rule accepts at most 100 recipients');

    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet');
    this.rule = this.ruleSet.addRule('Support', {
      recipients: [...props.recipients],
      enabled: true,
      // Mail on an unencrypted connection is bounced, not stored: customer data only over TLS.
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      // Spam and virus verdicts drive quarantine (docs/architecture.md, "Trust SES's verdicts").
      scanEnabled: true,
      // Bucket default encryption (KMS), not the action's client-side kmsKey (docs/architecture.md, "Facts about SES").
      actions: [new actions.S3({ bucket: props.bucket, objectKeyPrefix: INBOUND_PREFIX })],
    });

    if (props.activate ?? true) this.activate();
    if (props.dns) this.addRecords(props.dns);
  }

  private activate(): void {
    const setActive = (ruleSetName?: string): cr.AwsSdkCall => ({
      service: 'SES',
      action: 'setActiveReceiptRuleSet',
      parameters: ruleSetName ? { RuleSetName: ruleSetName } : {},
      physicalResourceId: cr.PhysicalResourceId.of(`docket-active-rule-set-${Aws.STACK_NAME}`),
    });
    const activation = new cr.AwsCustomResource(this, 'Activate', {
      onCreate: setActive(this.ruleSet.receiptRuleSetName),
      onUpdate: setActive(this.ruleSet.receiptRuleSetName),
      // Without a name, SetActiveReceiptRuleSet deactivates: the deleted set must not stay active.
      onDelete: setActive(),
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        // SetActiveReceiptRuleSet has no resource-level permissions (Service Authorization Reference).
        new iam.PolicyStatement({ actions: ['ses:SetActiveReceiptRuleSet'], resources: ['*'] }),
      ]),
      installLatestAwsSdk: false,
      timeout: Duration.minutes(2),
    });
    activation.node.addDependency(this.rule);
    Validations.of(activation).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ses:SetActiveReceiptRuleSet supports no resource-level permissions; the role can call nothing else.',
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
