import {
  parseAuthenticationResults,
  parseReceivedSpf,
  type AuthResult,
  type AuthenticationResults,
} from './authentication-results';
import type { ParsedMail } from './parsed-mail';

/**
 * What the receiving server (SES) found out about who sent a message, and how far we trust it.
 *
 * SES prepends one block to every message it stores: `Return-Path`, its own `Received` line, `X-SES-*`
 * verdicts, `Received-SPF` and `Authentication-Results: amazonses.com` (then `X-SES-RECEIPT`...). Everything
 * below that block was written by the sender or the servers it passed through, and a sender can write an
 * `Authentication-Results: amazonses.com; dmarc=pass` of its own. So only the first `Received-SPF` and the
 * first trusted `Authentication-Results` inside the block count (RFC 8601 §5: results from elsewhere are
 * ignored; RFC 7208 §9.1: the topmost `Received-SPF` is the receiver's).
 */

/** `verified`: DMARC pass, or no DMARC record and an aligned SPF or DKIM pass. `failed`: DMARC fail, or
 * SPF fail with no DKIM pass. `unverified`: anything else (no usable result). */
export const SENDER_TRUSTS = ['verified', 'unverified', 'failed'] as const;
export type SenderTrust = (typeof SENDER_TRUSTS)[number];

export interface DkimVerdict {
  readonly result: string;
  /** Signing domain (`header.d`, or the domain of `header.i`), lower-cased. */
  readonly domain?: string;
}

/** The verdicts as recorded on every case and message, for agents and auditors. */
export interface SenderAuthentication {
  readonly trust: SenderTrust;
  /** SPF result (`pass`, `fail`, `softfail`, `none`, ...); `none` when the server said nothing. */
  readonly spf: string;
  /** The domain SPF checked (envelope sender's), when known. */
  readonly spfDomain?: string;
  readonly dkim: readonly DkimVerdict[];
  /** DMARC result; `none` also when there is no DMARC result at all. */
  readonly dmarc: string;
  /** The From header's domain the verdicts are about. */
  readonly fromDomain?: string;
  /** Whether a passing SPF / DKIM identity is aligned (relaxed, RFC 7489 §3.1) with the From domain. */
  readonly aligned: { readonly spf: boolean; readonly dkim: boolean };
  /** Whether a trusted server's results were found at all. */
  readonly source: 'receiver' | 'absent';
}

export interface SenderAuthenticationOptions {
  /** authserv-ids we trust; default SES's `amazonses.com`. */
  readonly trustedAuthServIds?: readonly string[];
}

/** Headers SES writes in its prepended block; the first header of another kind ends the block. */
const RECEIPT_BLOCK = /^(?:return-path|received|received-spf|authentication-results|x-ses-.*)$/;
/** Most headers looked at for the block (SES writes under ten). */
const MAX_BLOCK_HEADERS = 32;

/**
 * The values of the receiver's prepended block, in order: stops at the second `Received` or at the first
 * header SES does not write. Without a recorded header order, only each name's first value is used.
 */
export function receiptBlock(mail: Pick<ParsedMail, 'headers' | 'headerOrder'>): { name: string; value: string }[] {
  const order = mail.headerOrder;
  if (!order) {
    return ['received-spf', 'authentication-results']
      .map((name) => ({ name, value: mail.headers[name]?.[0] }))
      .filter((h): h is { name: string; value: string } => h.value !== undefined);
  }
  const seen: Record<string, number> = {};
  const out: { name: string; value: string }[] = [];
  for (const name of order.slice(0, MAX_BLOCK_HEADERS)) {
    const index = seen[name] ?? 0;
    seen[name] = index + 1;
    if (!RECEIPT_BLOCK.test(name) || (name === 'received' && index > 0)) break;
    const value = mail.headers[name]?.[index];
    if (value !== undefined) out.push({ name, value });
  }
  return out;
}

const domainOf = (address: string | undefined): string | undefined => {
  if (!address) return undefined;
  const at = address.lastIndexOf('@');
  const d = (at < 0 ? address : address.slice(at + 1)).trim().toLowerCase().replace(/\.$/, '');
  return d === '' ? undefined : d;
};

/**
 * Relaxed alignment without a public-suffix list: the same domain, or one a subdomain of the other. This
 * is stricter than RFC 7489's organisational domains (siblings such as `mail.x.example` and `x.example`'s
 * `news.x.example` do not align), so it can only turn a pass into `unverified`, never a forgery into a pass.
 */
export function aligned(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

function firstTrusted(
  block: readonly { name: string; value: string }[],
  trusted: readonly string[],
): AuthenticationResults | undefined {
  for (const h of block) {
    if (h.name !== 'authentication-results') continue;
    const parsed = parseAuthenticationResults(h.value);
    if (parsed && trusted.includes(parsed.authServId)) return parsed;
  }
  return undefined;
}

/** The trust level RFC 7489 and the sender-trust policy give a set of verdicts. */
export function trustOf(v: Omit<SenderAuthentication, 'trust'>): SenderTrust {
  const dkimPass = v.dkim.some((d) => d.result === 'pass');
  if (v.dmarc === 'fail') return 'failed';
  if (v.spf === 'fail' && !dkimPass) return 'failed';
  if (v.dmarc === 'pass') return 'verified';
  if (v.dmarc === 'none' && (v.aligned.spf || v.aligned.dkim)) return 'verified';
  return 'unverified';
}

/**
 * Reads the receiver's verdicts from the top of a stored message and rates the sender. Pure.
 *
 * @example senderAuthentication(mail).trust // 'failed' for a forged From with dmarc=fail
 */
export function senderAuthentication(
  mail: Pick<ParsedMail, 'headers' | 'headerOrder' | 'from'>,
  options: SenderAuthenticationOptions = {},
): SenderAuthentication {
  const block = receiptBlock(mail);
  const results = firstTrusted(block, options.trustedAuthServIds ?? ['amazonses.com']);
  const spfHeaderValue = block.find((h) => h.name === 'received-spf')?.value;
  const receivedSpf = spfHeaderValue !== undefined ? parseReceivedSpf(spfHeaderValue) : undefined;
  const byMethod = (m: string): AuthResult[] => results?.results.filter((r) => r.method === m) ?? [];

  const spfResult = byMethod('spf')[0];
  const spf = spfResult?.result ?? receivedSpf?.result ?? 'none';
  const spfDomain =
    domainOf(spfResult?.properties['smtp.mailfrom']) ??
    domainOf(receivedSpf?.params['envelope-from']) ??
    domainOf(spfResult?.properties['smtp.helo']);
  const dkim: DkimVerdict[] = byMethod('dkim').map((r) => {
    const domain = domainOf(r.properties['header.d'] ?? r.properties['header.i']);
    return { result: r.result, ...(domain !== undefined && { domain }) };
  });
  const dmarcResult = byMethod('dmarc')[0];
  const dmarc = dmarcResult?.result ?? 'none';
  const fromDomain = domainOf(mail.from?.address) ?? domainOf(dmarcResult?.properties['header.from']);
  const verdicts = {
    spf,
    ...(spfDomain !== undefined && { spfDomain }),
    dkim,
    dmarc,
    ...(fromDomain !== undefined && { fromDomain }),
    aligned: {
      spf: spf === 'pass' && aligned(spfDomain, fromDomain),
      dkim: dkim.some((d) => d.result === 'pass' && aligned(d.domain, fromDomain)),
    },
    source: results || receivedSpf ? ('receiver' as const) : ('absent' as const),
  };
  return { trust: trustOf(verdicts), ...verdicts };
}
