import { App, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import { EXAMPLE_PROFILE } from '../../lambdas/core/firm-profile';
import { ContextError, docketContext, EXAMPLE_DOMAIN, type ContextKey } from '../../lib/context';
import { Docket } from '../../lib/docket';
import { validateDocketInput } from '../../lib/docket-input';

const from = (values: Partial<Record<ContextKey, unknown>>) => (key: ContextKey) => values[key];

const REAL = {
  domain: 'Acme.Test',
  firmName: 'Acme Exchange',
  phone: '+1 212 555 0111',
  faqUrl: 'https://acme.test/help',
  complaintsMailingAddress: 'Acme, 2 Test Street, New York, NY 10004',
};

describe('deploy-time context', () => {
  it('falls back to the example exchange when no domain is given, so synth works offline', () => {
    const ctx = docketContext(from({}));
    expect(ctx).toMatchObject({
      isExample: true,
      domain: EXAMPLE_DOMAIN,
      stackName: 'Docket',
      profile: EXAMPLE_PROFILE,
    });
    expect(ctx.hostedZone).toBeUndefined();
  });

  it('names every missing customer-facing field when a domain is given', () => {
    expect(() => docketContext(from({ domain: 'acme.test' }))).toThrow(
      new ContextError(
        'missing context for domain acme.test: firmName, phone, faqUrl, complaintsMailingAddress (pass -c firmName=... or put them in cdk.json "context"; see docs/deploy.md)',
      ),
    );
  });

  it('builds a profile from individual keys, with the support address in the domain and NYDFS as regulator under the nydfs preset', () => {
    const ctx = docketContext(from(REAL));
    expect(ctx.isExample).toBe(false);
    expect(ctx.domain).toBe('acme.test');
    expect(ctx.profile).toMatchObject({
      firmName: 'Acme Exchange',
      supportAddress: 'support@acme.test',
      ownDomains: ['acme.test'],
      complaints: {
        address: 'support@acme.test',
        phone: '+1 212 555 0111',
        regulator: { name: 'New York State Department of Financial Services' },
      },
    });
  });

  it('requires the regulator for presets other than nydfs', () => {
    expect(() => docketContext(from({ ...REAL, slaPreset: 'fca' }))).toThrow(
      /regulatorName, regulatorUrl, regulatorPhone/,
    );
  });

  it('lets a profile object override individual keys, nested complaint fields included', () => {
    const ctx = docketContext(
      from({
        ...REAL,
        profile: JSON.stringify({ firmName: 'Acme Ltd', complaints: { address: 'complaints@acme.test' } }),
      }),
    );
    expect(ctx.profile).toMatchObject({
      firmName: 'Acme Ltd',
      complaints: { address: 'complaints@acme.test', mailingAddress: REAL.complaintsMailingAddress },
    });
  });

  it('parses numbers, booleans, lists and the hosted zone from -c strings', () => {
    const ctx = docketContext(
      from({
        ...REAL,
        mailRetentionDays: '3650',
        outboundMaxConcurrency: '4',
        mailRetentionBelowSevenYears: 'true',
        expireMailAfterRetention: 'true',
        recipients: 'support@acme.test, help@acme.test',
        hostedZoneId: 'Z1',
      }),
    );
    expect(ctx.mailRetention?.toDays()).toBe(3650);
    expect(ctx.outboundMaxConcurrency).toBe(4);
    expect(ctx.unsafeAllowRetentionBelowSevenYears).toBe(true);
    expect(ctx.expireMailAfterRetention).toBe(true);
    expect(ctx.recipients).toEqual(['support@acme.test', 'help@acme.test']);
    expect(ctx.hostedZone).toEqual({ hostedZoneId: 'Z1', zoneName: 'acme.test' });
  });

  it('rejects malformed values with the key name', () => {
    expect(() => docketContext(from({ ...REAL, inboundMaxConcurrency: 'ten' }))).toThrow(
      /context inboundMaxConcurrency must be a whole number/,
    );
    expect(() => docketContext(from({ ...REAL, threatProtection: 'yes' }))).toThrow(
      /context threatProtection must be true or false/,
    );
    expect(() => docketContext(from({ ...REAL, profile: '{not json' }))).toThrow(/context profile is not valid JSON/);
    expect(() => docketContext(from({ hostedZoneId: 'Z1' }))).toThrow(/hostedZoneId needs domain/);
  });
});

describe('synth-time validation of Docket input', () => {
  const valid = { domain: 'exchange.example', profile: EXAMPLE_PROFILE };

  it('accepts the example and derives recipients and defaults', () => {
    expect(validateDocketInput(valid)).toMatchObject({
      recipients: ['support@exchange.example', 'complaints@exchange.example'],
      slaPreset: 'nydfs',
      inboundMaxConcurrency: 10,
      outboundMaxConcurrency: 4,
    });
  });

  it('fails on an invalid firm profile, naming the field', () => {
    expect(() => validateDocketInput({ ...valid, profile: { ...EXAMPLE_PROFILE, faqUrl: 'not a url' } })).toThrow(
      /firm profile is invalid[\s\S]*faqUrl/,
    );
  });

  it('fails when the support address is outside the sending domain', () => {
    expect(() =>
      validateDocketInput({ ...valid, profile: { ...EXAMPLE_PROFILE, supportAddress: 'help@elsewhere.example' } }),
    ).toThrow('supportAddress help@elsewhere.example is not in the domain exchange.example');
  });

  it('fails on an unknown SLA preset', () => {
    expect(() => validateDocketInput({ ...valid, slaPreset: 'nydsf' })).toThrow(
      /slaPreset: unknown SLA preset "nydsf"/,
    );
  });

  it('fails on a recipient outside the domain and on an SQS concurrency outside 2-1000', () => {
    expect(() => validateDocketInput({ ...valid, recipients: ['support@other.example'] })).toThrow(
      /recipient support@other.example is not in the domain/,
    );
    expect(() => validateDocketInput({ ...valid, outboundMaxConcurrency: 1 })).toThrow(
      /outboundMaxConcurrency must be an integer from 2 to 1000/,
    );
  });

  it('stops the Docket construct before any resource exists', () => {
    const stack = new Stack(new App(), 'Bad');
    expect(
      () => new Docket(stack, 'Docket', { ...valid, profile: { firmName: 'x' }, mailRetention: Duration.days(30) }),
    ).toThrow(/firm profile is invalid/);
    expect(stack.node.findAll().filter((c) => c instanceof CfnResource)).toHaveLength(0);
  });
});
