import { EXAMPLE_PROFILE } from '../../lambdas/core/firm-profile';
import { CATALOGUE, FUNCTION_NAMES, requiredEnv, type FunctionEntry } from '../../lambdas/shared/catalogue';
import { loadConfig } from '../../lambdas/shared/config';
import { buildContainer } from '../../lambdas/shared/container';

/** Every variable any function may read: the union the local stack sets. */
const FULL: NodeJS.ProcessEnv = {
  AWS_REGION: 'eu-west-1',
  TABLE_NAME: 'cases',
  DOCKET_PROFILE: JSON.stringify(EXAMPLE_PROFILE),
  SLA_PRESET: 'nydfs',
  MAIL_BUCKET: 'mail',
  MAIL_RETENTION_DAYS: '2557',
  OUTBOUND_QUEUE_URL: 'https://sqs.example/outbound',
  OUTBOUND_BULK_QUEUE_URL: 'https://sqs.example/outbound-bulk',
  TIMERS_QUEUE_URL: 'https://sqs.example/timers',
  EXPORTS_QUEUE_URL: 'https://sqs.example/exports',
  SIGNING_SECRET: 'x'.repeat(40),
  EXPORT_SIGNING_KEY_ID: 'arn:aws:kms:eu-west-1:123456789012:key/export',
};

const only = (names: readonly string[]): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(FULL).filter(([k]) => names.includes(k)));

describe('per-function configuration from the catalogue', () => {
  it.each(FUNCTION_NAMES)(
    '%s starts with exactly its catalogue variables (plus the signing key if it signs)',
    (name) => {
      const entry: FunctionEntry = CATALOGUE[name];
      const env = only([
        ...requiredEnv(name),
        ...(entry.signing ? ['SIGNING_SECRET'] : []),
        ...(entry.exportSigning ? ['EXPORT_SIGNING_KEY_ID'] : []),
      ]);
      expect(loadConfig(name, env).functionName).toBe(name);
    },
  );

  it.each(FUNCTION_NAMES)('%s names each missing required variable', (name) => {
    for (const missing of requiredEnv(name)) {
      const env = { ...FULL };
      delete env[missing];
      expect(() => loadConfig(name, env)).toThrow(`environment variable ${missing}`);
    }
  });

  it('has no region default: AWS_REGION is required, since Message-ID threading depends on it', () => {
    const env = { ...FULL };
    delete env.AWS_REGION;
    expect(() => loadConfig('feedback', env)).toThrow('environment variable AWS_REGION is required');
  });

  it('asks the timers, sweeper and feedback functions for no signing key, and reads none', () => {
    for (const name of ['timers', 'sweeper', 'feedback'] as const) {
      expect(loadConfig(name, FULL).signingSecret).toBeUndefined();
    }
    const env = { ...FULL };
    delete env.SIGNING_SECRET;
    expect(() => loadConfig('api', env)).toThrow('SIGNING_SECRET or SIGNING_SECRET_ARN');
  });

  it('gives only the exporters an export signing key, and names it when missing', () => {
    expect(loadConfig('api', FULL).exportSigningKey).toEqual({ keyId: FULL.EXPORT_SIGNING_KEY_ID });
    expect(
      loadConfig('api', { ...FULL, EXPORT_SIGNING_KEY_ID: '', EXPORT_SIGNING_KEY_FILE: '/k.pem' }).exportSigningKey,
    ).toEqual({
      file: '/k.pem',
    });
    expect(loadConfig('intake', FULL).exportSigningKey).toBeUndefined();
    const env = { ...FULL };
    delete env.EXPORT_SIGNING_KEY_ID;
    expect(() => loadConfig('api', env)).toThrow('EXPORT_SIGNING_KEY_ID or EXPORT_SIGNING_KEY_FILE');
  });

  it('gives the lockers their retention and refuses a malformed one', () => {
    expect(loadConfig('intake', FULL).mailRetentionDays).toBe(2557);
    expect(loadConfig('api', FULL).mailRetentionDays).toBeUndefined();
    expect(() => loadConfig('mailer', { ...FULL, MAIL_RETENTION_DAYS: '7y' })).toThrow(
      /MAIL_RETENTION_DAYS must be a whole number/,
    );
  });

  it('builds a container with only the ports of the entry: no signing key or blob store for timers', async () => {
    const timers = await buildContainer('timers', FULL);
    expect('signingSecret' in timers).toBe(false);
    expect('blobs' in timers).toBe(false);
    expect('sender' in timers).toBe(false);
    expect(timers.queue).toBeDefined();
    expect(timers.region).toBe('eu-west-1');
    const api = await buildContainer('api', FULL);
    // The API's entry reads attachments/ and bodies/: a bucket, but no retention and no sender.
    expect(api.config.mailBucket).toBe(FULL.MAIL_BUCKET);
    expect(api.config.mailRetentionDays).toBeUndefined();
    expect('sender' in api).toBe(false);
    expect(api.signingSecret).toBe(FULL.SIGNING_SECRET);
    const mailer = await buildContainer('mailer', FULL);
    expect(mailer.config.queueUrls).toEqual({
      outbound: FULL.OUTBOUND_QUEUE_URL,
      'outbound-bulk': FULL.OUTBOUND_BULK_QUEUE_URL,
    });
    expect('queue' in mailer).toBe(true);
  });
});
