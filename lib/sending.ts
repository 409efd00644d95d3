import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as route53 from 'aws-cdk-lib/aws-route53';
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

/**
 * SES sending: the domain identity with Easy DKIM and a custom MAIL FROM, and a configuration set (the
 * identity's default, so no send escapes it) whose bounce, complaint and delivery events go to an
 * encrypted SNS topic and on to the feedback queue.
 */
export class Sending extends Construct {
  public readonly identity: ses.EmailIdentity;
  public readonly configurationSet: ses.ConfigurationSet;
  public readonly eventTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: SendingProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: props.hostedZone ? ses.Identity.publicHostedZone(props.hostedZone) : ses.Identity.domain(props.domain),
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
      dkimSigning: true,
      mailFromDomain: props.mailFromDomain ?? `mail.${props.domain}`,
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
  }
}
