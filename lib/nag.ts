import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag AwsSolutions finding on a construct and everything under it. cdk-nag v3
 * acknowledges each finding by its full id (`AwsSolutions-IAM5[Action::s3:List*]`), never a whole rule,
 * and every acknowledgement carries the reason a reviewer reads.
 */
export function acknowledge(scope: IConstruct, finding: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${finding}`, reason });
}

/**
 * The form cdk-nag prints for an ARN token plus a suffix, e.g. `<CasesTable1234.Arn>/index/*`, so a
 * wildcard finding on one resource can be acknowledged without acknowledging it on every resource.
 */
export function nagArn(scope: IConstruct, arn: string, suffix: string): string {
  const resolved = Stack.of(scope).resolve(arn) as { 'Fn::GetAtt'?: [string, string] };
  const getAtt = resolved['Fn::GetAtt'];
  if (!getAtt) throw new Error('nagArn needs an ARN that resolves to Fn::GetAtt');
  return `<${getAtt[0]}.${getAtt[1]}>${suffix}`;
}
