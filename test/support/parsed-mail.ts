import type { MailAddress, ParsedMail } from '../../lambdas/core/intake/parsed-mail';

/** Header fields as a test writes them: any case, one value or several (in order, topmost first). */
export type HeaderSpec = Readonly<Record<string, string | readonly string[]>>;

export type ParsedMailSpec = Partial<Omit<ParsedMail, 'headers' | 'from'>> & {
  /** An address, or a mailbox with a display name; `null` for a message without a usable From. */
  readonly from?: string | MailAddress | null;
  readonly headers?: HeaderSpec;
  /**
   * The receiver's verdict block SES prepends: `verified` (the default: SPF, DKIM and DMARC pass for the From
   * domain), `none` (no block at all: an unverified sender). Ignored when `headers` brings its own
   * Authentication-Results or Received-SPF.
   */
  readonly receiver?: 'verified' | 'none';
};

/** The verdict block SES prepends to mail from a sender that passes SPF, DKIM and DMARC. */
export function verifiedBlock(from: string): Record<string, string> {
  const domain = from.slice(from.lastIndexOf('@') + 1);
  return {
    'Received-SPF': `pass (spf=pass) client-ip=127.0.0.1; envelope-from=${from};`,
    'Authentication-Results': `amazonses.com; spf=pass smtp.mailfrom=${from}; dkim=pass header.i=@${domain}; dmarc=pass header.from=${domain};`,
  };
}

/** A mailbox as the parser reports it (address lower-cased). */
export const mailbox = (address: string, name?: string): MailAddress => ({
  address: address.toLowerCase(),
  ...(name ? { name } : {}),
});

/**
 * A `ParsedMail` built by hand: what the MIME parser port would return for a plain one-part message from a
 * person, with `spec` on top. Core and use-case tests use it so that they depend on no parser; the parser
 * itself is tested on real `.eml` files under test/adapters.
 *
 * @example
 * classify(parsedMail({ headers: { 'Auto-Submitted': 'auto-replied' } }), EXAMPLE_PROFILE);
 */
export function parsedMail(spec: ParsedMailSpec = {}): ParsedMail {
  const { from = 'alice@customer.example', headers: own = {}, receiver = 'verified', ...rest } = spec;
  const sender = from === null ? undefined : typeof from === 'string' ? mailbox(from) : from;
  const bringsVerdicts = Object.keys(own).some((h) => /^(?:authentication-results|received-spf)$/i.test(h));
  const headers: HeaderSpec =
    receiver === 'verified' && sender && !bringsVerdicts ? { ...verifiedBlock(sender.address), ...own } : own;
  const text = rest.text ?? 'I sent 0.5 BTC yesterday and it has not arrived.';
  return {
    references: [],
    replyTo: [],
    to: [mailbox('support@exchange.example')],
    cc: [],
    subject: 'Cannot withdraw my BTC',
    text,
    contentType: 'text/plain',
    partTypes: ['text/plain'],
    attachments: [],
    size: 400 + Buffer.byteLength(text),
    problems: [],
    ...rest,
    ...(sender ? { from: sender } : {}),
    headers: Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name.toLowerCase(), typeof value === 'string' ? [value] : value]),
    ),
    // The order a parser records: the spec's order, each name's values together.
    headerOrder: Object.entries(headers).flatMap(([name, value]) =>
      (typeof value === 'string' ? [value] : value).map(() => name.toLowerCase()),
    ),
    ...(rest.headerOrder ? { headerOrder: rest.headerOrder } : {}),
  };
}
