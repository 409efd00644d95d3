import { z } from 'zod';
import { ConfigError } from '../core/errors';
import { FirmProfileSchema, type FirmProfile } from '../core/firm-profile';
import { jsonEnv, optionalEnv, requiredEnv } from './env';

/**
 * Runtime configuration, parsed and validated once per container. The CDK stack sets exactly these
 * variables (see lib/), and the local stack sets them for its pollers and gateway.
 *
 * | variable | meaning |
 * |---|---|
 * | TABLE_NAME | the DynamoDB table |
 * | MAIL_BUCKET | S3 bucket with raw inbound mail (`inbound/`) and exact outbound MIME (`sent/`) |
 * | OUTBOUND_QUEUE_URL | SQS queue the mailer consumes |
 * | TIMERS_QUEUE_URL | SQS queue of deadline wake-ups |
 * | DOCKET_PROFILE | JSON firm profile (see core/firm-profile.ts) |
 * | SLA_PRESET | SLA policy preset (nydfs, mica, fca, rege) |
 * | SLA_POLICY | optional JSON policy replacing the preset (core/sla/policy.ts) |
 * | SIGNING_SECRET or SIGNING_SECRET_ARN | HMAC key for reply addresses and feedback links (literal locally, Secrets Manager on AWS) |
 * | SES_CONFIGURATION_SET | optional; bounce/complaint events |
 * | MAIL_RETENTION_DAYS | intake and mailer: compliance-mode Object Lock retention each kept object gets, whole days |
 * | DOCKET_CHANGED_BY | optional; who deployed this configuration (recorded with policy/template changes) |
 */
export interface DocketConfig {
  readonly tableName: string;
  readonly mailBucket: string;
  readonly outboundQueueUrl: string;
  readonly timersQueueUrl: string;
  readonly profile: FirmProfile;
  readonly slaPreset: string;
  readonly slaPolicyJson?: unknown;
  readonly signingSecret: { readonly literal: string } | { readonly secretArn: string };
  readonly sesConfigurationSet?: string;
  /** Set for the functions that keep mail (intake, mailer): they lock each object for this many days. */
  readonly mailRetentionDays?: number;
  readonly changedBy: string;
}

function positiveDays(name: string, env: NodeJS.ProcessEnv): number | undefined {
  const raw = optionalEnv(name, env);
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(raw))
    throw new ConfigError(`environment variable ${name} must be a whole number of days, got "${raw}"`);
  return Number(raw);
}

export function parseProfile(env: NodeJS.ProcessEnv = process.env): FirmProfile {
  const result = FirmProfileSchema.safeParse(jsonEnv('DOCKET_PROFILE', env));
  if (!result.success) {
    throw new ConfigError(`environment variable DOCKET_PROFILE is invalid: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): DocketConfig {
  const literal = optionalEnv('SIGNING_SECRET', env);
  const secretArn = optionalEnv('SIGNING_SECRET_ARN', env);
  if (!literal && !secretArn)
    throw new ConfigError('environment variable SIGNING_SECRET or SIGNING_SECRET_ARN is required');
  if (literal && literal.length < 32)
    throw new ConfigError('environment variable SIGNING_SECRET must be at least 32 characters');
  return {
    tableName: requiredEnv('TABLE_NAME', env),
    mailBucket: requiredEnv('MAIL_BUCKET', env),
    outboundQueueUrl: requiredEnv('OUTBOUND_QUEUE_URL', env),
    timersQueueUrl: requiredEnv('TIMERS_QUEUE_URL', env),
    profile: parseProfile(env),
    slaPreset: optionalEnv('SLA_PRESET', env) ?? 'nydfs',
    ...(optionalEnv('SLA_POLICY', env) ? { slaPolicyJson: jsonEnv('SLA_POLICY', env) } : {}),
    signingSecret: literal ? { literal } : { secretArn: secretArn! },
    sesConfigurationSet: optionalEnv('SES_CONFIGURATION_SET', env),
    ...(positiveDays('MAIL_RETENTION_DAYS', env) === undefined
      ? {}
      : { mailRetentionDays: positiveDays('MAIL_RETENTION_DAYS', env)! }),
    changedBy: optionalEnv('DOCKET_CHANGED_BY', env) ?? 'deployment',
  };
}
