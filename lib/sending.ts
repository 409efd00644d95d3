import { CfnOutput, Stack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The SES events Docket listens to: hard bounces and complaints suppress and annotate, deliveries confirm. */
export const FEEDBACK_EVENTS: readonly ses.EmailSendingEvent[] = [
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
  ses.EmailSendingEvent.DELIVERY,
  ses.EmailSendingEvent.REJECT,
];

export interface SendingProps {
  /** The verified sending domain, e.g. `exchange.example`. */
  readonly domain: string;
  /**
   * Subdomain used as the envelope sender (custom MAIL FROM), so SPF aligns with the domain for DMARC.
   * @default `mail.${domain}`
   */
  readonly mailFromDomain?: string;
  /**
   * Public hosted zone of `domain`; when given, the DKIM CNAMEs and the MAIL FROM MX/SPF records are created.
   * @default - no records; docs/deploy.md lists them for manual entry
   */
  readonly hostedZone?: route53.IPublicHostedZone;
  /** Queue the feedback Lambda consumes; receives the raw SES events from the topic. */
  readonly feedbackQueue: sqs.IQueue;
  /** Key for the event topic; SES is allowed to use it. */
  readonly encryptionKey: kms.IKey;
}

/** SPF for the MAIL FROM subdomain: SES's servers send for it. */
export const MAIL_FROM_SPF = 'v=spf1 include:amazonses.com ~all';

/**
 * SES sending: one identity for exactly the configured domain (never the hosted zone's apex, which the
 * firm may have verified already and whose mail must not pass through Docket's configuration set), with
 * Easy DKIM and a custom MAIL FROM, and a configuration set (the identity's default, so no send escapes it)
 * whose bounce, complaint and delivery events go to an encrypted SNS topic and on to the feedback queue.
 *
 * With a hosted zone the three DKIM CNAMEs and the MAIL FROM MX and SPF records are created in it;
 * without one they are stack outputs to enter by hand. CloudFormation does not overwrite a record that
 * already exists: the deploy fails on it, and docs/deploy.md says what to do.
 */
export class Sending extends Construct {
  public readonly identity: ses.EmailIdentity;
  public readonly configurationSet: ses.ConfigurationSet;
  public readonly eventTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: SendingProps) {
    super(scope, id);
    const mailFrom = props.mailFromDomain ?? `mail.${props.domain}`;
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.domain),
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
      dkimSigning: true,
      mailFromDomain: mailFrom,
      mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
      configurationSet: this.configurationSet,
      // Bounces and complaints arrive as events; forwarding them by mail as well would only reach our own inbox.
      feedbackForwarding: false,
    });

    this.eventTopic = new sns.Topic(this, 'Events', { masterKey: props.encryptionKey, enforceSSL: true });
    this.configurationSet.addEventDestination('ToTopic', {
      destination: ses.EventDestination.snsTopic(this.eventTopic),
      events: [...FEEDBACK_EVENTS],
    });
    this.eventTopic.addSubscription(
      new subscriptions.SqsSubscription(props.feedbackQueue, { rawMessageDelivery: true }),
    );
    this.addRecords(mailFrom, props.hostedZone);
  }

  private addRecords(mailFrom: string, zone?: route53.IPublicHostedZone): void {
    // SES's feedback endpoint in the stack's region receives bounces for the MAIL FROM domain.
    const feedbackMx = `feedback-smtp.${Stack.of(this).region}.amazonses.com`;
    this.identity.dkimRecords.forEach((record, i) => {
      if (zone) {
        new route53.CfnRecordSet(this, `DkimCname${i + 1}`, {
          hostedZoneId: zone.hostedZoneId,
          name: record.name,
          type: 'CNAME',
          resourceRecords: [record.value],
          ttl: '1800',
        });
      } else {
        new CfnOutput(this, `DkimCname${i + 1}`, {
          description: 'DKIM: CNAME record to create (name = value)',
          value: `${record.name} CNAME ${record.value}`,
        });
      }
    });
    if (zone) {
      new route53.MxRecord(this, 'MailFromMx', {
        zone,
        recordName: mailFrom,
        values: [{ priority: 10, hostName: feedbackMx }],
      });
      new route53.TxtRecord(this, 'MailFromSpf', { zone, recordName: mailFrom, values: [MAIL_FROM_SPF] });
    } else {
      new CfnOutput(this, 'MailFromMx', {
        description: 'MAIL FROM: MX record to create',
        value: `${mailFrom} MX 10 ${feedbackMx}`,
      });
      new CfnOutput(this, 'MailFromSpf', {
        description: 'MAIL FROM: TXT record to create',
        value: `${mailFrom} TXT "${MAIL_FROM_SPF}"`,
      });
    }
  }
}
