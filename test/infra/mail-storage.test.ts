import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { MailStorage, SEVEN_YEARS } from '../../lib/mail-storage';

const stackWith = (props: ConstructorParameters<typeof MailStorage>[2]): Stack => {
  const stack = new Stack(new App(), 'Test');
  new MailStorage(stack, 'Mail', props);
  return stack;
};

describe('mail retention', () => {
  it('refuses a retention below seven years without the unsafe property, naming it', () => {
    expect(() => stackWith({ retention: Duration.days(365) })).toThrow(/unsafeAllowRetentionBelowSevenYears/);
  });

  it('accepts a shorter retention with the unsafe property, and warns at synth', () => {
    const stack = stackWith({ retention: Duration.days(365), unsafeAllowRetentionBelowSevenYears: true });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('only 365 days'));
  });

  it('warns about nothing at seven years or more', () => {
    const stack = stackWith({ retention: Duration.days(SEVEN_YEARS.toDays() + 365) });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('retained for only'))).toEqual([]);
  });

  it('refuses fractions of a day', () => {
    expect(() => stackWith({ retention: Duration.hours(7 * 365 * 24 + 60) })).toThrow(/whole days/);
  });

  it('expires mail a day after its retention, and noncurrent versions a day later, only when asked to', () => {
    const template = Template.fromStack(stackWith({ expireAfterRetention: true }));
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'ExpireAfterRetention',
            ExpirationInDays: SEVEN_YEARS.toDays() + 1,
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          }),
        ]),
      },
    });
    const bucket = Object.values(template.findResources('AWS::S3::Bucket')).find(
      (b) => (b.Properties as { ObjectLockEnabled?: boolean }).ObjectLockEnabled,
    )!;
    expect(JSON.stringify(bucket.Properties)).not.toContain('DefaultRetention');
  });
});
