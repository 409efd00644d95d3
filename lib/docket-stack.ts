import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import { Docket, type DocketProps } from './docket';

/** Properties of {@link DocketStack}: the construct's props, with the hosted zone given by attributes. */
export interface DocketStackProps extends StackProps, Omit<DocketProps, 'hostedZone'> {
  /**
   * The domain's public hosted zone, by id and name (no lookup: synth stays offline).
   * @default - no DNS records are created
   */
  readonly hostedZone?: { readonly hostedZoneId: string; readonly zoneName: string };
}

/** One stack holding the whole {@link Docket} pipeline, with the values operators need as outputs. */
export class DocketStack extends Stack {
  public readonly docket: Docket;

  constructor(scope: Construct, id: string, props: DocketStackProps) {
    super(scope, id, props);
    const { hostedZone, ...docketProps } = props;
    this.docket = new Docket(this, 'Docket', {
      ...docketProps,
      ...(hostedZone
        ? { hostedZone: route53.PublicHostedZone.fromPublicHostedZoneAttributes(this, 'Zone', hostedZone) }
        : {}),
    });

    const d = this.docket;
    new CfnOutput(this, 'ApiUrl', { value: d.api.url, description: 'Agent API base URL' });
    new CfnOutput(this, 'ConsoleUrl', {
      value: d.console.url,
      description: 'The agent console (sign in with a user of UserPoolId)',
    });
    new CfnOutput(this, 'UserPoolId', {
      value: d.api.userPool.userPoolId,
      description: 'Create agents here (docs/deploy.md)',
    });
    new CfnOutput(this, 'UserPoolClientId', { value: d.api.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'MailBucket', { value: d.storage.bucket.bucketName });
    new CfnOutput(this, 'TableName', { value: d.table.table.tableName });
    new CfnOutput(this, 'ReceiptRuleSet', {
      value: d.receiving.ruleSetName,
      description: 'The receipt rule set holding the Docket rule (the active one, or Docket own)',
    });
    new CfnOutput(this, 'ExportSigningKeyArn', {
      value: d.exportSigningKey.keyArn,
      description:
        'Verifies record exports: its public key via GET /export/public-key or aws kms get-public-key (docs/api.md)',
    });
    new CfnOutput(this, 'AlarmTopic', { value: d.alarms.topic.topicArn });
    new CfnOutput(this, 'Dashboard', { value: d.alarms.dashboard.dashboardName });
    for (const [name, queue] of Object.entries(d.queues)) {
      const id = name
        .split('-')
        .map((w) => `${w[0]!.toUpperCase()}${w.slice(1)}`)
        .join('');
      new CfnOutput(this, `${id}DeadLetterQueueArn`, { value: queue.deadLetterQueue.queueArn });
      new CfnOutput(this, `${id}QueueArn`, { value: queue.queue.queueArn });
    }
  }
}
