import type { FirmProfile } from '../firm-profile';
import { headerValue, type ParsedMail } from './parsed-mail';
import { senderAuthentication, type SenderAuthentication } from './sender-authentication';

/**
 * What kind of sender wrote a message, and whether we may answer it. The rules: never answer
 * a machine (RFC 3834), and trust only the receiver's own verdicts. Machine mail is never dropped: it still becomes a case
 * or a threaded message that agents can see; only the acknowledgement is withheld. Quarantine is reserved
 * for SES's virus verdict and for mail that forges our own domain.
 */
export const MAIL_KINDS = [
  'human',
  'auto_reply',
  'bounce',
  'list',
  'own_address',
  'no_reply',
  'spam',
  'virus',
  'phishing',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** The flag on a case opened by mail whose sender failed authentication (shown to agents in the console). */
export const SENDER_FAILED_AUTHENTICATION = 'sender_failed_authentication';
/**
 * The flag on a case opened by mail whose sender could not be verified (no usable result): acknowledged
 * with nothing the sender wrote, never joined to an existing case, and waiting for an agent to look.
 */
export const UNVERIFIED_SENDER = 'unverified_sender';

export type QuarantineReason = 'virus' | 'phishing';

export interface Classification {
  readonly kind: MailKind;
  /** Whether an acknowledgement may be sent (the per-sender rate limit still applies on top). */
  readonly acknowledge: boolean;
  readonly quarantine?: QuarantineReason;
  /** Every rule that matched, as stable machine-readable tags (`auto_submitted`, `ses_spam_fail`, ...). */
  readonly flags: readonly string[];
  /** The same, in words for agents: what was seen and why it matters. */
  readonly reasons: readonly string[];
  /** The receiver's SPF/DKIM/DMARC verdicts and the sender's trust level, recorded on the case and message. */
  readonly sender: SenderAuthentication;
}

export type ClassifyContext = Pick<FirmProfile, 'supportAddress' | 'ownAddresses' | 'ownDomains'> & {
  /**
   * `Authentication-Results` authserv-ids we trust (RFC 8601 §5: ignore results from other servers; a sender
   * can write any header it likes). Default: SES's `amazonses.com`.
   */
  readonly trustedAuthServIds?: readonly string[];
};

/**
 * Local parts that announce nobody reads replies, alone or with a suffix (`no-reply.billing@`), or as a
 * suffix (`billing-noreply@`). Matched against at most {@link MAX_LOCAL_CHARS} characters, with bounded
 * quantifiers only.
 */
const NO_REPLY_LOCAL =
  /^(?:(?:no|do[-_.]?not|dont|do[-_.]?no)[-_.]?reply|mailer|bounces?|mailer[-_]?daemon|postmaster)(?:[-+_.][^@]{0,64})?$/i;
const NO_REPLY_SUFFIX = /[-_.]no[-_.]?reply$/i;
/** RFC 5321 §4.5.3.1.1: a local part is at most 64 octets. */
const MAX_LOCAL_CHARS = 64;
const DAEMON_LOCAL = /^(?:mailer[-_]?daemon|postmaster)$/i;
/** Subjects autoresponders put first (Exchange, Notes, Gmail, Apple, and their translations). */
const AUTO_REPLY_SUBJECT =
  /^(?:auto(?:matic)?[- ]?(?:reply|response|answer)\b|auto:|out of (?:the )?office\b|abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique|respuesta autom[áa]tica|risposta automatica|resposta autom[áa]tica|răspuns automat|автоответ|автоматический ответ|otomatik yan[ıi]t|自动回复|自動回覆|自動応答|自動返信|자동 응답)/i;
/** Addresses list managers send from (RFC 2142 conventions, Mailman, ezmlm). */
const LIST_LOCAL = /-(?:request|bounces?|owner|admin)$/i;
const DSN_SUBJECT =
  /^(?:undeliver(?:able|ed)|delivery (?:status notification|failure|has failed)|returned mail|mail delivery failed|failure notice|non[- ]?delivery)/i;

interface Finding {
  readonly kind: MailKind;
  readonly flag: string;
  readonly reason: string;
}

/** Higher first: the first matching kind names the message; all findings are reported. */
const PRECEDENCE: readonly MailKind[] = [
  'virus',
  'phishing',
  'spam',
  'bounce',
  'own_address',
  'auto_reply',
  'list',
  'no_reply',
];

const localPart = (address: string): string => address.slice(0, address.lastIndexOf('@')).slice(0, MAX_LOCAL_CHARS);
const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

function isOwnDomain(domain: string, ownDomains: readonly string[]): boolean {
  return ownDomains.some((d) => {
    const own = d.toLowerCase();
    return domain === own || domain.endsWith(`.${own}`);
  });
}

function verdict(mail: ParsedMail, header: string): string | undefined {
  return headerValue(mail, header)?.trim().toUpperCase();
}

function findings(mail: ParsedMail, ctx: ClassifyContext, auth: SenderAuthentication): Finding[] {
  const out: Finding[] = [];
  const add = (kind: MailKind, flag: string, reason: string): void => {
    out.push({ kind, flag, reason });
  };
  const from = mail.from?.address;
  const ownAddresses = new Set([ctx.supportAddress, ...ctx.ownAddresses].map((a) => a.toLowerCase()));

  // Trust only the receiver's own verdicts (see sender-authentication.ts).
  if (verdict(mail, 'x-ses-virus-verdict') === 'FAIL')
    add('virus', 'ses_virus_fail', 'SES virus scan failed (X-SES-Virus-Verdict: FAIL): quarantined');
  const fromOwnDomain = from !== undefined && isOwnDomain(domainOf(from), ctx.ownDomains);
  const failed = auth.trust === 'failed';
  if (fromOwnDomain && failed) {
    add(
      'phishing',
      'own_domain_dmarc_fail',
      `From claims our own domain (${domainOf(from)}) but authentication failed (dmarc=${auth.dmarc}, spf=${auth.spf}): quarantined as phishing`,
    );
  }
  if (verdict(mail, 'x-ses-spam-verdict') === 'FAIL')
    add('spam', 'ses_spam_fail', 'SES spam verdict FAIL (X-SES-Spam-Verdict): kept and flagged, not acknowledged');

  // Bounces and other delivery reports (RFC 3464, RFC 5965 ARF, RFC 3834 §2: never answer them).
  const mailFrom = mail.envelope?.mailFrom;
  if (mailFrom === '') add('bounce', 'null_sender', 'null envelope sender (Return-Path: <>): a delivery report');
  if (mail.reportType === 'delivery-status' || mail.partTypes.includes('message/delivery-status')) {
    add('bounce', 'dsn', 'delivery status notification (multipart/report; report-type=delivery-status)');
  }
  if (mail.reportType === 'feedback-report' || mail.partTypes.includes('message/feedback-report')) {
    add('bounce', 'feedback_report', 'abuse feedback report (ARF, message/feedback-report)');
  }
  if (mail.reportType === 'disposition-notification' || mail.partTypes.includes('message/disposition-notification')) {
    add('auto_reply', 'mdn', 'read receipt (message disposition notification)');
  }
  const daemonAddress = [from, mailFrom].find(
    (a) => a !== undefined && a.includes('@') && DAEMON_LOCAL.test(localPart(a)),
  );
  if (daemonAddress !== undefined)
    add('bounce', 'mailer_daemon', `sent by ${daemonAddress}: a mail system, not a person`);
  if (DSN_SUBJECT.test(mail.subject) && (mailFrom === '' || daemonAddress !== undefined || from === undefined)) {
    add('bounce', 'dsn_subject', `delivery-failure subject from a mail system ("${mail.subject.slice(0, 60)}")`);
  }

  // Our own addresses: answering them is a loop.
  if (from !== undefined && (ownAddresses.has(from) || fromOwnDomain) && !failed) {
    add('own_address', 'own_address', `sent from our own ${ownAddresses.has(from) ? 'address' : 'domain'} (${from})`);
  }
  const ownReplyTo = mail.replyTo.find((a) => ownAddresses.has(a.address));
  if (ownReplyTo !== undefined)
    add(
      'own_address',
      'reply_to_own_address',
      `Reply-To is our own address (${ownReplyTo.address}): an answer would come back to us`,
    );

  // RFC 3834 §5 and the de-facto headers of autoresponders.
  const autoSubmitted = headerValue(mail, 'auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted !== undefined && autoSubmitted !== '' && !/^no\b/.test(autoSubmitted)) {
    add('auto_reply', 'auto_submitted', `Auto-Submitted: ${autoSubmitted.slice(0, 40)} (RFC 3834 §5)`);
  }
  const precedence = headerValue(mail, 'precedence')?.trim().toLowerCase();
  if (precedence === 'auto_reply') add('auto_reply', 'precedence_auto_reply', 'Precedence: auto_reply');
  if (precedence === 'bulk' || precedence === 'list' || precedence === 'junk')
    add('list', `precedence_${precedence}`, `Precedence: ${precedence} (RFC 3834 §3.1.8)`);
  if (headerValue(mail, 'x-auto-response-suppress') !== undefined) {
    add(
      'auto_reply',
      'auto_response_suppress',
      `X-Auto-Response-Suppress: ${headerValue(mail, 'x-auto-response-suppress')!.slice(0, 40)} (sender asks for no automatic answer)`,
    );
  }
  if (headerValue(mail, 'x-autoreply') !== undefined)
    add('auto_reply', 'x_autoreply', 'X-Autoreply header: an autoresponder');
  if (headerValue(mail, 'x-autorespond') !== undefined)
    add('auto_reply', 'x_autorespond', 'X-Autorespond header: an autoresponder');
  if (/vacation/i.test(headerValue(mail, 'x-apple-action') ?? ''))
    add('auto_reply', 'vendor_vacation', 'X-Apple-Action: VACATION (iCloud vacation reply)');
  if (headerValue(mail, 'x-bluebottle-request') !== undefined)
    add('auto_reply', 'challenge_response', 'challenge-response robot (X-Bluebottle-Request)');
  if (AUTO_REPLY_SUBJECT.test(mail.subject.trim()))
    add('auto_reply', 'auto_reply_subject', `autoresponder subject ("${mail.subject.slice(0, 60)}")`);

  // Mailing lists (RFC 2369, RFC 2919).
  if (headerValue(mail, 'list-id') !== undefined) add('list', 'list_id', 'List-Id header: mailing-list mail');
  if (headerValue(mail, 'list-unsubscribe') !== undefined)
    add('list', 'list_unsubscribe', 'List-Unsubscribe header: bulk or list mail');
  if (headerValue(mail, 'mailing-list') !== undefined)
    add('list', 'mailing_list', 'Mailing-List header (ezmlm): mailing-list mail');
  if (headerValue(mail, 'x-mailman-version') !== undefined)
    add('list', 'mailman', 'sent by the Mailman list manager (X-Mailman-Version)');
  const listAddress = [from, mail.sender?.address].find((a) => a !== undefined && LIST_LOCAL.test(localPart(a)));
  if (listAddress !== undefined) add('list', 'list_address', `sent from a list manager's address (${listAddress})`);

  // Senders that nobody reads, or no sender at all.
  if (from === undefined) add('no_reply', 'no_sender', 'no usable From address: nobody to answer');
  else if ((NO_REPLY_LOCAL.test(localPart(from)) || NO_REPLY_SUFFIX.test(localPart(from))) && daemonAddress !== from)
    add('no_reply', 'no_reply_sender', `no-reply sender (${from})`);
  return out;
}

/**
 * Classifies a parsed message. Pure: the same mail and context always give the same answer.
 *
 * @example classify(mail, EXAMPLE_PROFILE).acknowledge // false for an out-of-office reply
 */
export function classify(mail: ParsedMail, ctx: ClassifyContext): Classification {
  const sender = senderAuthentication(mail, {
    ...(ctx.trustedAuthServIds !== undefined && { trustedAuthServIds: ctx.trustedAuthServIds }),
  });
  const found = findings(mail, ctx, sender);
  const kind = PRECEDENCE.find((k) => found.some((f) => f.kind === k)) ?? 'human';
  const quarantine: QuarantineReason | undefined = kind === 'virus' || kind === 'phishing' ? kind : undefined;
  // A sender whose authentication failed (and is not forging our own domain, which is quarantined above) is
  // kept as a case for an agent, since a real customer behind a broken forwarder must still be found, but
  // nothing is ever mailed to the address it claims: that address is most likely a victim.
  const failedSender = quarantine === undefined && sender.trust === 'failed';
  if (failedSender) {
    found.push({
      kind,
      flag: SENDER_FAILED_AUTHENTICATION,
      reason: `sender authentication failed (dmarc=${sender.dmarc}, spf=${sender.spf}): kept for an agent, nothing is sent`,
    });
  }
  if (quarantine === undefined && sender.trust === 'unverified') {
    found.push({
      kind,
      flag: UNVERIFIED_SENDER,
      reason: `sender not verified (dmarc=${sender.dmarc}, spf=${sender.spf}): a case of its own, acknowledged without echoing anything it wrote`,
    });
  }
  const flags = [...new Set(found.map((f) => f.flag))];
  return {
    kind,
    acknowledge: kind === 'human' && !failedSender,
    ...(quarantine !== undefined && { quarantine }),
    flags,
    reasons: found.length === 0 ? ['no machine or security signal: a person wrote this'] : found.map((f) => f.reason),
    sender,
  };
}
