import { ConfigError } from '../core/errors';
import { optionalEnv } from './env';

/**
 * The mailer's own settings (beyond the shared DocketConfig, whose MAIL_RETENTION_DAYS also sets how long
 * `sent/` is locked), read once per container.
 *
 * | variable | meaning |
 * |---|---|
 * | SEND_RATE_CEILING | optional: sends per second the mailer may use, below the account's SES maximum send rate |
 * | DAILY_QUOTA_HOLD_SECONDS | optional, default 900 (the SQS maximum delay): how long mail waits when SES's 24-hour quota is spent, before it is tried again |
 */
export interface MailerConfig {
  readonly sendRateCeiling?: number;
  readonly dailyQuotaHoldSeconds: number;
}

function numberEnv(
  name: string,
  env: NodeJS.ProcessEnv,
  min: number,
  max: number,
  integer: boolean,
): number | undefined {
  const raw = optionalEnv(name, env);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n)))
    throw new ConfigError(
      `environment variable ${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${raw}"`,
    );
  return n;
}

export function loadMailerConfig(env: NodeJS.ProcessEnv = process.env): MailerConfig {
  const ceiling = numberEnv('SEND_RATE_CEILING', env, 0.1, 100_000, false);
  return {
    ...(ceiling !== undefined ? { sendRateCeiling: ceiling } : {}),
    dailyQuotaHoldSeconds: numberEnv('DAILY_QUOTA_HOLD_SECONDS', env, 1, 900, true) ?? 900,
  };
}
