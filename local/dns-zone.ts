import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The local stack's DNS: a JSON zone instead of the network, so SPF, DKIM and DMARC are computed for real
 * while the stack runs offline. Format: an object mapping a DNS name to its records by type, each TXT value
 * one string of any length:
 *
 * ```json
 * { "customer.example": { "TXT": ["v=spf1 ip4:127.0.0.1 -all"] },
 *   "_dmarc.customer.example": { "TXT": ["v=DMARC1; p=none"] } }
 * ```
 *
 * A name absent from the zone does not exist (NXDOMAIN); there is never a fallback to real DNS.
 */
const RecordsSchema = z.record(
  z.string().regex(/^[A-Z]+$/, 'record types are upper case (TXT, MX, A, AAAA)'),
  z.array(z.string()),
);
export const DnsZoneSchema = z.record(z.string().min(1), RecordsSchema);
export type DnsZone = z.infer<typeof DnsZoneSchema>;

/** The zone `npm start` uses when `DOCKET_DNS_ZONE` is not set. */
export const DEFAULT_DNS_ZONE_FILE = join(__dirname, 'dns-zone.default.json');

/** Reads and validates a zone file; a bad file is a clear error naming it, never an empty zone. */
export function loadDnsZone(file: string = DEFAULT_DNS_ZONE_FILE): DnsZone {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new Error(`DOCKET_DNS_ZONE: cannot read ${file} as JSON`, { cause });
  }
  const parsed = DnsZoneSchema.safeParse(json);
  if (!parsed.success) throw new Error(`DOCKET_DNS_ZONE: ${file} is not a zone: ${parsed.error.message}`);
  return parsed.data;
}

function dnsError(code: 'ENOTFOUND' | 'ENODATA', name: string, type: string): Error {
  return Object.assign(new Error(`query${type} ${code} ${name}`), { code, hostname: name });
}

/**
 * A resolver with `dns.promises.resolve`'s shape over a zone: TXT answers as one chunk per record, MX as
 * `{ exchange, priority }` from `"10 mx.example"`, other types as strings. Names compare case-insensitively.
 */
export function zoneResolver(zone: DnsZone): (name: string, type: string) => Promise<never> {
  const byName = new Map(Object.entries(zone).map(([n, r]) => [n.toLowerCase().replace(/\.$/, ''), r]));
  return async (name, type) => {
    const records = byName.get(name.toLowerCase().replace(/\.$/, ''));
    if (!records) throw dnsError('ENOTFOUND', name, type);
    const values = records[type.toUpperCase()];
    if (!values || values.length === 0) throw dnsError('ENODATA', name, type);
    if (type.toUpperCase() === 'TXT') return values.map((v) => [v]) as never;
    if (type.toUpperCase() === 'MX')
      return values.map((v) => {
        const [priority, exchange] = v.trim().split(/\s+/);
        return { priority: Number(priority), exchange: exchange ?? '' };
      }) as never;
    return values as never;
  };
}
