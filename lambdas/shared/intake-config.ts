import type { AckBudgetLimits } from '../core/ack-budget';
import { ConfigError } from '../core/errors';
import { CATALOGUE, ENV } from './catalogue';
import { optionalEnv } from './env';

/**
 * The intake's own settings (beyond the shared DocketConfig), read once per container.
 *
 * | variable | meaning |
 * |---|---|
 * | ACK_BUDGET_PER_MINUTE | optional, default the catalogue's `intake.ackBudget.perMinute` (1,000): acknowledgements queued per minute, all senders; more wait for a later minute |
 * | ACK_CAP_PER_SENDER_PER_DAY | optional, default the catalogue's `intake.ackBudget.perSenderPerDay` (20): acknowledgements one address gets per UTC day; more are not sent |
 */
export function loadAckBudget(env: NodeJS.ProcessEnv = process.env): AckBudgetLimits {
  const defaults = CATALOGUE.intake.ackBudget;
  return {
    perMinute: wholeNumber(ENV.ackBudgetPerMinute, env) ?? defaults.perMinute,
    perSenderPerDay: wholeNumber(ENV.ackCapPerSenderPerDay, env) ?? defaults.perSenderPerDay,
  };
}

function wholeNumber(name: string, env: NodeJS.ProcessEnv): number | undefined {
  const raw = optionalEnv(name, env);
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d{0,6}$/.test(raw.trim()))
    throw new ConfigError(`environment variable ${name} must be a whole number from 1 to 9999999, got "${raw}"`);
  return Number(raw.trim());
}
