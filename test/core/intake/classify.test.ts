import { classify, type MailKind } from '../../../lambdas/core/intake/classify';
import { EXAMPLE_PROFILE } from '../../../lambdas/core/firm-profile';
import { mailbox, parsedMail, type ParsedMailSpec } from '../../support/parsed-mail';

/*
 * Classification on hand-built parsed mail: no parser involved. The same rules on real .eml files, through the
 * MIME parser adapter, are in test/adapters/mime-classify.test.ts.
 */
const classifyMail = (spec: ParsedMailSpec) => classify(parsedMail(spec), EXAMPLE_PROFILE);

const DSN: ParsedMailSpec = {
  from: mailbox('mailer@mx.customer.example', 'Mail Delivery Subsystem'),
  subject: 'Delivery Status Notification (Failure)',
  contentType: 'multipart/report',
  reportType: 'delivery-status',
  partTypes: ['multipart/report', 'text/plain', 'message/delivery-status'],
};
const ARF: ParsedMailSpec = {
  from: 'abuse@isp.example',
  subject: 'FW: Cannot withdraw my BTC',
  contentType: 'multipart/report',
  reportType: 'feedback-report',
  partTypes: ['multipart/report', 'text/plain', 'message/feedback-report', 'message/rfc822'],
};
/** The receiver's block for a forged From of our domain: SPF fails for it and so does DMARC. */
const FORGED_OWN_DOMAIN = {
  'Return-Path': '<ceo@exchange.example>',
  'Received-SPF': 'fail client-ip=203.0.113.9; envelope-from=ceo@exchange.example; helo=mx.attacker.example;',
  'Authentication-Results':
    'amazonses.com; spf=fail smtp.mailfrom=ceo@exchange.example; dkim=none; dmarc=fail header.from=exchange.example;',
};

describe('classify', () => {
  it('acknowledges a plain message from a person', () => {
    const c = classifyMail({});
    expect(c).toMatchObject({ kind: 'human', acknowledge: true, flags: [] });
    expect(c.quarantine).toBeUndefined();
  });

  it('treats Auto-Submitted: no as a person (RFC 3834 §5)', () => {
    expect(classifyMail({ headers: { 'Auto-Submitted': 'no' } })).toMatchObject({ kind: 'human', acknowledge: true });
  });

  const machines: ReadonlyArray<[string, ParsedMailSpec, MailKind, string]> = [
    ['an Auto-Submitted message', { headers: { 'Auto-Submitted': 'auto-replied' } }, 'auto_reply', 'auto_submitted'],
    ['Precedence: auto_reply', { headers: { Precedence: 'auto_reply' } }, 'auto_reply', 'precedence_auto_reply'],
    ['Precedence: bulk', { from: 'news@shop.example', headers: { Precedence: 'bulk' } }, 'list', 'precedence_bulk'],
    [
      'X-Auto-Response-Suppress',
      { headers: { 'X-Auto-Response-Suppress': 'All' } },
      'auto_reply',
      'auto_response_suppress',
    ],
    ['X-Autoreply', { headers: { 'X-Autoreply': 'yes' } }, 'auto_reply', 'x_autoreply'],
    ['X-Autorespond', { headers: { 'X-Autorespond': 'Thank you' } }, 'auto_reply', 'x_autorespond'],
    [
      'a List-Id message',
      { from: 'bob@lists.example', headers: { 'List-Id': 'Crypto talk <crypto-talk.lists.example>' } },
      'list',
      'list_id',
    ],
    [
      'a List-Unsubscribe message',
      { from: 'editor@news.example', headers: { 'List-Unsubscribe': '<mailto:unsubscribe@news.example>' } },
      'list',
      'list_unsubscribe',
    ],
    [
      'a null envelope sender',
      { from: 'system@mx.customer.example', subject: 'Warning: message delayed', envelope: { mailFrom: '' } },
      'bounce',
      'null_sender',
    ],
    [
      'MAILER-DAEMON',
      { from: 'MAILER-DAEMON@mx.customer.example', subject: 'Undelivered Mail Returned to Sender' },
      'bounce',
      'mailer_daemon',
    ],
    ['a delivery status notification', DSN, 'bounce', 'dsn'],
    ['an ARF feedback report', ARF, 'bounce', 'feedback_report'],
    [
      'a no-reply sender',
      { from: mailbox('no-reply@bank.example', 'Bank Notifications'), subject: 'Your statement is ready' },
      'no_reply',
      'no_reply_sender',
    ],
    ['our own address', { from: 'support@exchange.example' }, 'own_address', 'own_address'],
    [
      'a Reply-To naming our own address',
      { replyTo: [mailbox('support@exchange.example')] },
      'own_address',
      'reply_to_own_address',
    ],
    [
      'an SES spam FAIL',
      { subject: 'You won 10 BTC', headers: { 'X-SES-Spam-Verdict': 'FAIL', 'X-SES-Virus-Verdict': 'PASS' } },
      'spam',
      'ses_spam_fail',
    ],
  ];
  it.each(machines)('does not acknowledge %s, keeps it and says why', (_label, spec, kind, flag) => {
    const c = classifyMail(spec);
    expect(c.kind).toBe(kind);
    expect(c.acknowledge).toBe(false);
    expect(c.quarantine).toBeUndefined();
    expect(c.flags).toContain(flag);
    expect(c.reasons.length).toBe(c.flags.length);
  });

  it('quarantines an SES virus FAIL', () => {
    expect(classifyMail({ headers: { 'X-SES-Spam-Verdict': 'PASS', 'X-SES-Virus-Verdict': 'FAIL' } })).toMatchObject({
      kind: 'virus',
      quarantine: 'virus',
      acknowledge: false,
    });
  });

  it('quarantines mail claiming our domain that fails DMARC as phishing', () => {
    const c = classifyMail({ from: 'ceo@exchange.example', headers: FORGED_OWN_DOMAIN });
    expect(c).toMatchObject({ kind: 'phishing', quarantine: 'phishing', acknowledge: false });
    expect(c.flags).not.toContain('own_address');
  });

  it('believes only the topmost Authentication-Results of a trusted server, not a forged pass below it', () => {
    const c = classifyMail({
      from: 'ceo@exchange.example',
      headers: {
        ...FORGED_OWN_DOMAIN,
        'Authentication-Results': [
          FORGED_OWN_DOMAIN['Authentication-Results'],
          'amazonses.com; dmarc=pass header.from=exchange.example',
        ],
      },
    });
    expect(c).toMatchObject({ kind: 'phishing' });
  });

  it('keeps a forged customer sender (dmarc=fail) as a flagged case and never answers it', () => {
    const c = classifyMail({
      from: 'victim@bank.example',
      headers: {
        'Return-Path': '<victim@bank.example>',
        'Received-SPF': 'fail client-ip=203.0.113.9; envelope-from=victim@bank.example;',
        'Authentication-Results':
          'amazonses.com; spf=fail smtp.mailfrom=victim@bank.example; dkim=none; dmarc=fail header.from=bank.example;',
      },
    });
    expect(c).toMatchObject({ kind: 'human', acknowledge: false, sender: { trust: 'failed' } });
    expect(c.quarantine).toBeUndefined();
    expect(c.flags).toContain('sender_failed_authentication');
  });

  it('does not flag a verified sender as failed', () => {
    const c = classifyMail({
      from: 'alice@customer.example',
      headers: {
        'Return-Path': '<alice@customer.example>',
        'Received-SPF': 'pass client-ip=192.0.2.1; envelope-from=alice@customer.example;',
        'Authentication-Results':
          'amazonses.com; spf=pass smtp.mailfrom=alice@customer.example; dkim=none; dmarc=pass header.from=customer.example;',
      },
    });
    expect(c).toMatchObject({ kind: 'human', acknowledge: true, flags: [] });
  });

  it('quarantines our own domain with dmarc=pass hidden in smtp.mailfrom', () => {
    const c = classifyMail({
      from: 'ceo@exchange.example',
      headers: {
        'Return-Path': '<dmarc=pass@attacker.example>',
        'Received-SPF': 'pass client-ip=203.0.113.9; envelope-from=dmarc=pass@attacker.example;',
        'Authentication-Results':
          'amazonses.com; spf=pass smtp.mailfrom=dmarc=pass@attacker.example; dkim=none; dmarc=fail header.from=exchange.example;',
      },
    });
    expect(c).toMatchObject({ kind: 'phishing', quarantine: 'phishing', sender: { trust: 'failed', dmarc: 'fail' } });
  });

  it.each([
    'no-reply.billing@shop.example',
    'mailer@shop.example',
    'billing-noreply@shop.example',
    'donotreply@x.example',
  ])('does not acknowledge the no-reply address %s', (from) => {
    expect(classifyMail({ from, subject: 'Receipt' })).toMatchObject({ kind: 'no_reply', acknowledge: false });
  });

  it('ignores Authentication-Results written by untrusted servers', () => {
    const c = classifyMail({
      from: 'ops@exchange.example',
      headers: {
        'Return-Path': '<ops@exchange.example>',
        'Received-SPF': 'pass client-ip=192.0.2.1; envelope-from=ops@exchange.example;',
        'Authentication-Results': [
          'amazonses.com; spf=pass smtp.mailfrom=ops@exchange.example; dkim=pass header.i=@exchange.example; dmarc=pass header.from=exchange.example;',
          'mx.attacker.example; dmarc=fail header.from=exchange.example',
        ],
      },
    });
    expect(c.quarantine).toBeUndefined();
    expect(c.kind).toBe('own_address');
  });

  it('lets the security verdict name the kind and still reports every other signal', () => {
    const c = classifyMail({
      from: 'MAILER-DAEMON@mx.example',
      subject: 'x',
      headers: { 'X-SES-Virus-Verdict': 'FAIL', 'Auto-Submitted': 'auto-replied' },
    });
    expect(c.kind).toBe('virus');
    expect(c.flags).toEqual(expect.arrayContaining(['ses_virus_fail', 'mailer_daemon', 'auto_submitted']));
  });

  it.each<[string, ParsedMailSpec, MailKind, string]>([
    [
      'Mailing-List',
      { headers: { 'Mailing-List': 'contact list-help@lists.example; run by ezmlm' } },
      'list',
      'mailing_list',
    ],
    [
      'a list manager in Sender',
      {
        sender: mailbox('crypto-talk-bounces@lists.example'),
        headers: { Sender: 'crypto-talk-bounces@lists.example' },
      },
      'list',
      'list_address',
    ],
    ['Subject: Automatic reply', { subject: 'Automatic reply: your message' }, 'auto_reply', 'auto_reply_subject'],
    ['Subject: Abwesenheitsnotiz', { subject: 'Abwesenheitsnotiz' }, 'auto_reply', 'auto_reply_subject'],
    ['X-Apple-Action: VACATION', { headers: { 'X-Apple-Action': 'VACATION' } }, 'auto_reply', 'vendor_vacation'],
  ])('does not acknowledge mail with %s', (_label, spec, kind, flag) => {
    expect(classifyMail({ from: 'bob@customer.example', subject: '', ...spec })).toMatchObject({
      kind,
      acknowledge: false,
      flags: [flag],
    });
  });

  it('does not acknowledge a message without a usable From address', () => {
    expect(classifyMail({ from: null, subject: 'hello' })).toMatchObject({
      kind: 'no_reply',
      acknowledge: false,
      flags: ['no_sender', 'unverified_sender'],
    });
  });
});
