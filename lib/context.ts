import { Duration } from 'aws-cdk-lib';
import { EXAMPLE_PROFILE } from '../lambdas/core/firm-profile';

/** The domain `cdk synth` uses when no `domain` context is given (RFC 2606-style reserved name). */
export const EXAMPLE_DOMAIN = 'exchange.example';

/** The regulator named in complaint disclosures under the default `nydfs` preset. */
const NYDFS = {
  name: 'New York State Department of Financial Services',
  url: 'https://www.dfs.ny.gov/complaint',
  phone: '(800) 342-3736',
};

/** Context keys bin/docket.ts understands (`cdk deploy -c key=value` or `context` in cdk.json). */
export const CONTEXT_KEYS = [
  'domain',
  'supportAddress',
  'recipients',
  'hostedZoneId',
  'hostedZoneName',
  'slaPreset',
  'phone',
  'alarmEmail',
  'firmName',
  'faqUrl',
  'statusUrl',
  'complaintsAddress',
  'complaintsPhone',
  'complaintsMailingAddress',
  'regulatorName',
  'regulatorUrl',
  'regulatorPhone',
  'defaultLanguage',
  'publicApiUrl',
  'profile',
  'mailRetentionDays',
  'mailRetentionBelowSevenYears',
  'expireMailAfterRetention',
  'inboundMaxConcurrency',
  'outboundMaxConcurrency',
  'threatProtection',
  'dmarcRecord',
  'stackName',
  'consoleDomain',
  'consoleCertificateArn',
  'assumeSesReceiving',
] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];

/** What the app builds from context: DocketProps input plus stack-level settings. */
export interface DocketContext {
  readonly stackName: string;
  readonly domain: string;
  readonly profile: Record<string, unknown>;
  readonly recipients?: string[];
  readonly hostedZone?: { readonly hostedZoneId: string; readonly zoneName: string };
  readonly slaPreset?: string;
  readonly alarmEmail?: string;
  readonly dmarcRecord?: string;
  readonly mailRetention?: Duration;
  readonly unsafeAllowRetentionBelowSevenYears?: boolean;
  readonly expireMailAfterRetention?: boolean;
  readonly inboundMaxConcurrency?: number;
  readonly outboundMaxConcurrency?: number;
  readonly threatProtection?: boolean;
  readonly consoleDomain?: string;
  readonly consoleCertificateArn?: string;
  /** True when no domain was given and the example exchange stands in (offline synth, CI). */
  readonly isExample: boolean;
}

/** Thrown for missing or malformed deploy-time context; the message says which `-c` to pass. */
export class ContextError extends Error {
  override readonly name = 'ContextError';
}

type Get = (key: ContextKey) => unknown;

function text(get: Get, key: ContextKey): string | undefined {
  const v = get(key);
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw new ContextError(`context ${key} must be a string`);
  return String(v).trim();
}

function int(get: Get, key: ContextKey): number | undefined {
  const v = text(get, key);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new ContextError(`context ${key} must be a whole number, got "${v}"`);
  return Number(v);
}

function bool(get: Get, key: ContextKey): boolean | undefined {
  const v = get(key);
  if (v === undefined || v === '') return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new ContextError(`context ${key} must be true or false`);
}

/** `profile` context: an object in cdk.json, or a JSON string from `-c profile='{...}'`. */
function profileOverride(get: Get): Record<string, unknown> {
  const v = get('profile');
  if (v === undefined || v === '') return {};
  let parsed: unknown = v;
  if (typeof v === 'string') {
    try {
      parsed = JSON.parse(v);
    } catch (cause) {
      throw new ContextError('context profile is not valid JSON', { cause });
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ContextError('context profile must be a JSON object');
  return parsed as Record<string, unknown>;
}

const defined = <T extends Record<string, unknown>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Builds the app's input from deploy-time context. Without `domain` it returns the example exchange, so
 * `cdk synth` works offline on a fresh clone; with `domain` every field a customer will read must be
 * given (no invented phone numbers or addresses in real mail), and a missing one is named in the error.
 */
export function docketContext(get: Get): DocketContext {
  const domain = text(get, 'domain')?.toLowerCase();
  const override = profileOverride(get);
  const common = {
    stackName: text(get, 'stackName') ?? 'Docket',
    ...defined({
      slaPreset: text(get, 'slaPreset'),
      alarmEmail: text(get, 'alarmEmail'),
      dmarcRecord: text(get, 'dmarcRecord'),
      mailRetention:
        int(get, 'mailRetentionDays') === undefined ? undefined : Duration.days(int(get, 'mailRetentionDays')!),
      unsafeAllowRetentionBelowSevenYears: bool(get, 'mailRetentionBelowSevenYears'),
      expireMailAfterRetention: bool(get, 'expireMailAfterRetention'),
      inboundMaxConcurrency: int(get, 'inboundMaxConcurrency'),
      outboundMaxConcurrency: int(get, 'outboundMaxConcurrency'),
      threatProtection: bool(get, 'threatProtection'),
      consoleDomain: text(get, 'consoleDomain')?.toLowerCase(),
      consoleCertificateArn: text(get, 'consoleCertificateArn'),
      recipients: text(get, 'recipients')
        ?.split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    }),
  };
  const hostedZoneId = text(get, 'hostedZoneId');
  const hostedZoneName = text(get, 'hostedZoneName');
  if (hostedZoneName && !hostedZoneId) throw new ContextError('context hostedZoneName needs hostedZoneId as well');

  if (!domain) {
    if (hostedZoneId) throw new ContextError('context hostedZoneId needs domain as well');
    return { ...common, domain: EXAMPLE_DOMAIN, profile: { ...EXAMPLE_PROFILE, ...override }, isExample: true };
  }

  const supportAddress = text(get, 'supportAddress') ?? `support@${domain}`;
  const phone = text(get, 'phone');
  const preset = common.slaPreset ?? 'nydfs';
  const regulator = defined({
    name: text(get, 'regulatorName'),
    url: text(get, 'regulatorUrl'),
    phone: text(get, 'regulatorPhone'),
  });
  const overrideComplaints = (override.complaints ?? {}) as Record<string, unknown>;
  const profile: Record<string, unknown> = {
    ...defined({
      firmName: text(get, 'firmName'),
      phone,
      faqUrl: text(get, 'faqUrl'),
      statusUrl: text(get, 'statusUrl'),
      defaultLanguage: text(get, 'defaultLanguage'),
      publicApiUrl: text(get, 'publicApiUrl'),
    }),
    supportAddress,
    ownDomains: [domain],
    ...override,
    complaints: {
      ...defined({
        // Complaints may share the support mailbox: intake classifies them (DFS asks for a complaint channel, not a second one).
        address: text(get, 'complaintsAddress') ?? supportAddress,
        phone: text(get, 'complaintsPhone') ?? phone,
        mailingAddress: text(get, 'complaintsMailingAddress'),
      }),
      ...overrideComplaints,
      regulator: {
        ...(preset === 'nydfs' ? NYDFS : {}),
        ...regulator,
        ...((overrideComplaints.regulator ?? {}) as object),
      },
    },
  };

  const complaints = profile.complaints as Record<string, unknown>;
  const missing = [
    ...(['firmName', 'phone', 'faqUrl'] as const).filter((k) => profile[k] === undefined),
    ...(complaints.mailingAddress === undefined ? ['complaintsMailingAddress'] : []),
    ...(['name', 'url', 'phone'] as const)
      .filter((k) => (complaints.regulator as Record<string, unknown>)[k] === undefined)
      .map((k) => `regulator${k[0]!.toUpperCase()}${k.slice(1)}`),
  ];
  if (missing.length > 0) {
    throw new ContextError(
      `missing context for domain ${domain}: ${missing.join(', ')} (pass -c ${missing[0]}=... or put them in cdk.json "context"; see docs/deploy.md)`,
    );
  }
  return {
    ...common,
    domain,
    profile,
    ...(hostedZoneId ? { hostedZone: { hostedZoneId, zoneName: hostedZoneName ?? domain } } : {}),
    isExample: false,
  };
}
