import { Aws, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ACK_BUDGET_METRIC, DAILY_QUOTA_METRIC, SEND_METRICS } from '../lambdas/shared/catalogue';
import { METRICS_NAMESPACE } from './functions';

/** Metric the timers handler emits once per breached deadline (Powertools EMF, service `docket`). */
export const SLA_BREACH_METRIC = {
  namespace: METRICS_NAMESPACE,
  metricName: 'SlaBreaches',
  dimensionsMap: { service: 'docket' },
} as const;

export interface AlarmsProps {
  /** Key for the alarm topic (CloudWatch must be allowed to use it). */
  readonly encryptionKey: kms.IKey;
  /** Every dead-letter queue: one message in any of them is a message a human must look at. */
  readonly deadLetterQueues: Readonly<Record<string, sqs.IQueue>>;
  /** The inbound queue: age of its oldest message says customer mail is waiting (peers' "never fetched" bug). */
  readonly inboundQueue: sqs.IQueue;
  /** @default Duration.minutes(15) */
  readonly inboundMaxAge?: Duration;
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  /**
   * SES account bounce rate that raises the alarm; AWS reviews accounts above 5 %.
   * @default 0.04
   */
  readonly bounceRateThreshold?: number;
  /**
   * SES account complaint rate that raises the alarm; AWS reviews accounts above 0.1 %.
   * @default 0.0008
   */
  readonly complaintRateThreshold?: number;
  /**
   * Address subscribed to the alarm topic (confirm the subscription mail).
   * @default - no subscription
   */
  readonly alarmEmail?: string;
}

/**
 * Alarms to one encrypted SNS topic, and a dashboard of the same metrics: dead letters, the age of the
 * oldest inbound message, Lambda errors and throttles, SES reputation (bounce and complaint rates) and
 * SLA breaches.
 */
export class Alarms extends Construct {
  public readonly topic: sns.Topic;
  public readonly alarms: cloudwatch.Alarm[] = [];
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { masterKey: props.encryptionKey, enforceSSL: true });
    // A topic policy replaces SNS's default one, and enforceSSL writes a policy: without this statement
    // CloudWatch's alarm actions are denied and nobody hears of an alarm.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
        },
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const action = new cwActions.SnsAction(this.topic);
    const add = (
      alarmId: string,
      options: cloudwatch.CreateAlarmOptions & { metric: cloudwatch.IMetric },
    ): cloudwatch.Alarm => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
      return alarm;
    };
    const overZero = {
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    };

    const dlqDepth = Object.entries(props.deadLetterQueues).map(
      ([name, queue]) =>
        add(`${name}DeadLetters`, {
          alarmDescription: `Messages in the ${name} dead-letter queue: fix the cause, then redrive (docs/deploy.md).`,
          metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
          ...overZero,
        }).metric,
    );

    const inboundAge = props.inboundQueue.metricApproximateAgeOfOldestMessage({
      period: Duration.minutes(1),
      statistic: 'Maximum',
    });
    add('InboundAge', {
      alarmDescription: 'Customer mail has waited too long for intake.',
      metric: inboundAge,
      threshold: (props.inboundMaxAge ?? Duration.minutes(15)).toSeconds(),
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    const errors: cloudwatch.IMetric[] = [];
    const throttles: cloudwatch.IMetric[] = [];
    for (const [name, fn] of Object.entries(props.functions)) {
      const fnErrors = fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' });
      const fnThrottles = fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' });
      add(`${name}Errors`, { alarmDescription: `The ${name} function failed.`, metric: fnErrors, ...overZero });
      add(`${name}Throttles`, {
        alarmDescription: `The ${name} function was throttled.`,
        metric: fnThrottles,
        ...overZero,
      });
      errors.push(fnErrors.with({ label: name }));
      throttles.push(fnThrottles.with({ label: name }));
    }

    // Account-level reputation metrics: the ones AWS's review thresholds apply to.
    const sesMetric = (metricName: string): cloudwatch.Metric =>
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' });
    const bounceRate = sesMetric('Reputation.BounceRate');
    const complaintRate = sesMetric('Reputation.ComplaintRate');
    add('BounceRate', {
      alarmDescription: 'SES bounce rate is close to the level at which AWS reviews the account.',
      metric: bounceRate,
      threshold: props.bounceRateThreshold ?? 0.04,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    add('ComplaintRate', {
      alarmDescription: 'SES complaint rate is close to the level at which AWS reviews the account.',
      metric: complaintRate,
      threshold: props.complaintRateThreshold ?? 0.0008,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    const slaBreaches = new cloudwatch.Metric({ ...SLA_BREACH_METRIC, period: Duration.minutes(5), statistic: 'Sum' });
    add('SlaBreaches', {
      alarmDescription: 'A case deadline was breached (stated response time missed).',
      metric: slaBreaches,
      ...overZero,
    });

    // Mail is held, not lost, while SES's 24-hour quota is spent; someone should ask AWS for more.
    const dailyQuota = new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: DAILY_QUOTA_METRIC,
      dimensionsMap: { service: 'docket' },
      period: Duration.minutes(5),
      statistic: 'Sum',
    });
    add('DailyQuotaExhausted', {
      alarmDescription: 'SES 24-hour sending quota is spent: outbound mail is held until it frees.',
      metric: dailyQuota,
      ...overZero,
    });

    // Acknowledgements over the global per-minute budget wait for a later minute (never dropped): a flood,
    // real or forged, is being answered through our domain. Someone should look at who is writing.
    const ackBudget = new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: ACK_BUDGET_METRIC,
      dimensionsMap: { service: 'docket' },
      period: Duration.minutes(5),
      statistic: 'Sum',
    });
    add('AckBudgetExceeded', {
      alarmDescription:
        'Acknowledgements exceed the per-minute budget (intake ACK_BUDGET_PER_MINUTE): they are delayed, not dropped.',
      metric: ackBudget,
      ...overZero,
    });
    // Sending under SES's limits: what waits, how much of the budget is used, how long until it is sent.
    const mailerMetric = (metricName: string, statistic: string): cloudwatch.Metric =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: 'docket' },
        period: Duration.minutes(1),
        statistic,
      });
    const quotaUsed = mailerMetric(SEND_METRICS.dailyQuotaUsed, 'Maximum');
    add('DailyQuotaNearlySpent', {
      alarmDescription:
        "80% of SES's 24-hour sending quota is used: ask AWS for a higher quota before mail has to be held.",
      metric: quotaUsed,
      threshold: 80,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const sending = [
      new cloudwatch.GraphWidget({
        title: 'Send backlog (messages)',
        left: [mailerMetric(SEND_METRICS.backlog, 'Maximum'), mailerMetric(SEND_METRICS.interactiveBacklog, 'Maximum')],
        width: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'Send budget in use (%) and rate (/s)',
        left: [mailerMetric(SEND_METRICS.budgetInUse, 'Average')],
        right: [mailerMetric(SEND_METRICS.budgetRate, 'Maximum')],
        width: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'Projected time to send the backlog (s)',
        left: [mailerMetric(SEND_METRICS.drainSeconds, 'Maximum')],
        width: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'SES 24-hour quota used (%)',
        left: [quotaUsed, dailyQuota],
        width: 6,
      }),
    ];

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: 'Dead letters', left: dlqDepth, width: 8 }),
          new cloudwatch.GraphWidget({ title: 'Oldest inbound message (s)', left: [inboundAge], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'SLA breaches', left: [slaBreaches], width: 8 }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'Lambda errors', left: errors, width: 8 }),
          new cloudwatch.GraphWidget({ title: 'Lambda throttles', left: throttles, width: 8 }),
          new cloudwatch.GraphWidget({ title: 'SES reputation', left: [bounceRate, complaintRate], width: 8 }),
        ],
        sending,
      ],
    });
  }
}
