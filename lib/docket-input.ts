import type { Duration } from 'aws-cdk-lib';
import { z } from 'zod';
import { FirmProfileSchema, type FirmProfile } from '../lambdas/core/firm-profile';
import { getPreset } from '../lambdas/core/sla/presets';

/** What {@link validateDocketInput} needs: the subset of DocketProps that is checked at synth time. */
export interface DocketInput {
  readonly domain: string;
  readonly profile: unknown;
  readonly recipients?: readonly string[];
  readonly slaPreset?: string;
  readonly mailRetention?: Duration;
  readonly inboundMaxConcurrency?: number;
  readonly outboundMaxConcurrency?: number;
}

export interface ValidDocketInput {
  readonly domain: string;
  readonly profile: FirmProfile;
  readonly recipients: readonly string[];
  readonly slaPreset: string;
  readonly mailRetention?: Duration;
  readonly inboundMaxConcurrency: number;
  readonly outboundMaxConcurrency: number;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** Lambda's SQS event source accepts a maximum concurrency of 2 to 1000. */
function concurrency(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 2 || v > 1000) throw new Error(`${name} must be an integer from 2 to 1000, got ${v}`);
  return v;
}

/**
 * Checks deploy-time input before any resource exists, so a bad profile or preset fails `cdk synth` with
 * a message naming the field, not a Lambda cold start in production.
 */
export function validateDocketInput(input: DocketInput): ValidDocketInput {
  const domain = input.domain.trim().toLowerCase();
  if (!DOMAIN.test(domain)) throw new Error(`domain "${input.domain}" is not a valid domain name`);

  const parsed = FirmProfileSchema.safeParse(input.profile);
  if (!parsed.success) throw new Error(`firm profile is invalid: ${z.prettifyError(parsed.error)}`);
  const profile = parsed.data;
  // Sending is allowed only from the verified domain (lib/grants.ts), so the support address must be in it.
  if (domainOf(profile.supportAddress) !== domain) {
    throw new Error(`supportAddress ${profile.supportAddress} is not in the domain ${domain}`);
  }

  const slaPreset = input.slaPreset ?? 'nydfs';
  try {
    getPreset(slaPreset);
  } catch (cause) {
    throw new Error(`slaPreset: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }

  const recipients = input.recipients ?? [
    profile.supportAddress,
    ...(domainOf(profile.complaints.address) === domain && profile.complaints.address !== profile.supportAddress
      ? [profile.complaints.address]
      : []),
  ];
  for (const r of recipients) {
    const d = r.includes('@') ? domainOf(r) : r.replace(/^\./, '').toLowerCase();
    if (d !== domain && !d.endsWith(`.${domain}`)) throw new Error(`recipient ${r} is not in the domain ${domain}`);
  }

  return {
    domain,
    profile,
    recipients,
    slaPreset,
    ...(input.mailRetention ? { mailRetention: input.mailRetention } : {}),
    inboundMaxConcurrency: concurrency('inboundMaxConcurrency', input.inboundMaxConcurrency, 10),
    outboundMaxConcurrency: concurrency('outboundMaxConcurrency', input.outboundMaxConcurrency, 4),
  };
}
