import * as z from '../core/zod';
import { ConfigError } from '../core/errors';
import { FirmProfileSchema, type FirmProfile } from '../core/firm-profile';
import { CATALOGUE, ENV, queueEnv, type FunctionEntry, type FunctionName, type SendQueue } from './catalogue';
import { jsonEnv, optionalEnv, requiredEnv } from './env';

/**
 * One function's runtime configuration, parsed and validated once per container. Which variables a
 * function requires is its entry in the catalogue (lambdas/shared/catalogue.ts), the same table lib/
 * grants from and local/ sets: a function is neither given nor asked for a variable it does not use.
 *
 * | variable | who | meaning |
 * |---|---|---|
 * | AWS_REGION | all | set by Lambda; feeds Message-ID threading, so no default |
 * | TABLE_NAME | all | the DynamoDB table |
 * | DOCKET_PROFILE | all | JSON firm profile (core/firm-profile.ts) |
 * | SLA_PRESET | all | SLA policy preset (nydfs, mica, fca, rege) |
 * | SLA_POLICY | optional | JSON policy replacing the preset (core/sla/policy.ts) |
 * | DOCKET_CHANGED_BY | optional | who deployed this configuration (recorded with policy/template changes) |
 * | MAIL_BUCKET | bucket users | raw inbound mail (`inbound/`), exact outbound MIME (`sent/`), attachments (`attachments/`) |
 * | MAIL_RETENTION_DAYS | intake, mailer | compliance-mode retention each kept object gets, whole days |
 * | OUTBOUND_QUEUE_URL, TIMERS_QUEUE_URL | senders to that queue | SQS queue URLs |
 * | SIGNING_SECRET or SIGNING_SECRET_ARN | signers | HMAC key for reply addresses and feedback links (literal locally, Secrets Manager on AWS) |
 * | SES_CONFIGURATION_SET | mailer, optional | bounce/complaint events |
 * | EXPORT_SIGNING_KEY_ID or EXPORT_SIGNING_KEY_FILE | exporters | KMS key ARN (AWS) or PEM key file (local) signing exports |
 */
export interface DocketConfig {
  readonly functionName: FunctionName;
  readonly region: string;
  readonly tableName: string;
  readonly profile: FirmProfile;
  readonly slaPreset: string;
  readonly slaPolicyJson?: unknown;
  readonly changedBy: string;
  /** Only for functions with bucket access. */
  readonly mailBucket?: string;
  /** Only for the functions that keep mail (intake, mailer): they lock each object for this many days. */
  readonly mailRetentionDays?: number;
  /** URLs of exactly the queues the function sends to. */
  readonly queueUrls: Readonly<Partial<Record<SendQueue, string>>>;
  /** Only for functions that sign. */
  readonly signingSecret?: { readonly literal: string } | { readonly secretArn: string };
  readonly sesConfigurationSet?: string;
  /** Only for functions that sign exports. */
  readonly exportSigningKey?: { readonly file: string } | { readonly keyId: string };
}

export function parseProfile(env: NodeJS.ProcessEnv = process.env): FirmProfile {
  const result = FirmProfileSchema.safeParse(jsonEnv(ENV.profile, env));
  if (!result.success) {
    throw new ConfigError(`environment variable ${ENV.profile} is invalid: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

function positiveDays(name: string, env: NodeJS.ProcessEnv): number {
  const raw = requiredEnv(name, env);
  if (!/^[1-9]\d*$/.test(raw))
    throw new ConfigError(`environment variable ${name} must be a whole number of days, got "${raw}"`);
  return Number(raw);
}

function signingSecret(env: NodeJS.ProcessEnv): NonNullable<DocketConfig['signingSecret']> {
  const literal = optionalEnv(ENV.signingSecret, env);
  const secretArn = optionalEnv(ENV.signingSecretArn, env);
  if (literal) {
    if (literal.length < 32)
      throw new ConfigError(`environment variable ${ENV.signingSecret} must be at least 32 characters`);
    return { literal };
  }
  if (secretArn) return { secretArn };
  throw new ConfigError(`environment variable ${ENV.signingSecret} or ${ENV.signingSecretArn} is required`);
}

function exportSigningKey(env: NodeJS.ProcessEnv): NonNullable<DocketConfig['exportSigningKey']> {
  const file = optionalEnv(ENV.exportSigningKeyFile, env);
  const keyId = optionalEnv(ENV.exportSigningKeyId, env);
  if (keyId) return { keyId };
  if (file) return { file };
  throw new ConfigError(`environment variable ${ENV.exportSigningKeyId} or ${ENV.exportSigningKeyFile} is required`);
}

/**
 * Reads the configuration of one function: exactly the variables its catalogue entry implies, each
 * required one named when missing or malformed.
 */
export function loadConfig(functionName: FunctionName, env: NodeJS.ProcessEnv = process.env): DocketConfig {
  const entry: FunctionEntry = CATALOGUE[functionName];
  const slaPolicy = optionalEnv(ENV.slaPolicy, env);
  const sesConfigurationSet = entry.sesSend ? optionalEnv(ENV.sesConfigurationSet, env) : undefined;
  return {
    functionName,
    region: requiredEnv(ENV.region, env),
    tableName: requiredEnv(ENV.tableName, env),
    profile: parseProfile(env),
    slaPreset: requiredEnv(ENV.slaPreset, env),
    ...(slaPolicy ? { slaPolicyJson: jsonEnv(ENV.slaPolicy, env) } : {}),
    changedBy: optionalEnv(ENV.changedBy, env) ?? 'deployment',
    ...(entry.bucket ? { mailBucket: requiredEnv(ENV.mailBucket, env) } : {}),
    ...(entry.bucket?.retain?.length ? { mailRetentionDays: positiveDays(ENV.mailRetentionDays, env) } : {}),
    queueUrls: Object.fromEntries(entry.sendsTo.map((q) => [q, requiredEnv(queueEnv(q), env)])),
    ...(entry.signing ? { signingSecret: signingSecret(env) } : {}),
    ...(sesConfigurationSet ? { sesConfigurationSet } : {}),
    ...(entry.exportSigning ? { exportSigningKey: exportSigningKey(env) } : {}),
  };
}
