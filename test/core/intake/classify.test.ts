import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MailparserMimeParser } from '../../../lambdas/adapters/mime/parse';
import { classify, type Classification, type MailKind } from '../../../lambdas/core/intake/classify';
import { EXAMPLE_PROFILE } from '../../../lambdas/core/firm-profile';

const FIXTURES = join(__dirname, '../../fixtures/mail');
const parser = new MailparserMimeParser();

async function classifyFixture(name: string): Promise<Classification> {
  const mail = await parser.parse(readFileSync(join(FIXTURES, name)));
  return classify(mail, EXAMPLE_PROFILE);
}

describe('classify', () => {
  it('acknowledges a plain message from a person', async () => {
    const c = await classifyFixture('human.eml');
    expect(c).toMatchObject({ kind: 'human', acknowledge: true, flags: [] });
    expect(c.quarantine).toBeUndefined();
  });

  it('treats Auto-Submitted: no as a person (RFC 3834 §5)', async () => {
    expect(await classifyFixture('auto-submitted-no.eml')).toMatchObject({ kind: 'human', acknowledge: true });
  });

  const machines: ReadonlyArray<[string, string, MailKind, string]> = [
    ['an Auto-Submitted message', 'auto-submitted.eml', 'auto_reply', 'auto_submitted'],
    ['Precedence: auto_reply', 'precedence-auto-reply.eml', 'auto_reply', 'precedence_auto_reply'],
    ['Precedence: bulk', 'precedence-bulk.eml', 'list', 'precedence_bulk'],
    ['X-Auto-Response-Suppress', 'x-auto-response-suppress.eml', 'auto_reply', 'auto_response_suppress'],
    ['X-Autoreply', 'x-autoreply.eml', 'auto_reply', 'x_autoreply'],
    ['X-Autorespond', 'x-autorespond.eml', 'auto_reply', 'x_autorespond'],
    ['a List-Id message', 'list-id.eml', 'list', 'list_id'],
    ['a List-Unsubscribe message', 'list-unsubscribe.eml', 'list', 'list_unsubscribe'],
    ['a null envelope sender', 'null-sender.eml', 'bounce', 'null_sender'],
    ['MAILER-DAEMON', 'mailer-daemon.eml', 'bounce', 'mailer_daemon'],
    ['a delivery status notification', 'dsn.eml', 'bounce', 'dsn'],
    ['an ARF feedback report', 'arf.eml', 'bounce', 'feedback_report'],
    ['a no-reply sender', 'no-reply.eml', 'no_reply', 'no_reply_sender'],
    ['our own address', 'own-address.eml', 'own_address', 'own_address'],
    ['a Reply-To naming our own address', 'reply-to-own.eml', 'own_address', 'reply_to_own_address'],
    ['an SES spam FAIL', 'ses-spam-fail.eml', 'spam', 'ses_spam_fail'],
  ];
  it.each(machines)('does not acknowledge %s, keeps it and says why', async (_label, file, kind, flag) => {
    const c = await classifyFixture(file);
    expect(c.kind).toBe(kind);
    expect(c.acknowledge).toBe(false);
    expect(c.quarantine).toBeUndefined();
    expect(c.flags).toContain(flag);
    expect(c.reasons.length).toBe(c.flags.length);
  });

  it('quarantines an SES virus FAIL', async () => {
    expect(await classifyFixture('ses-virus-fail.eml')).toMatchObject({
      kind: 'virus',
      quarantine: 'virus',
      acknowledge: false,
    });
  });

  it('quarantines mail claiming our domain that fails DMARC as phishing', async () => {
    const c = await classifyFixture('own-domain-dmarc-fail.eml');
    expect(c).toMatchObject({ kind: 'phishing', quarantine: 'phishing', acknowledge: false });
    expect(c.flags).not.toContain('own_address');
  });

  it('believes only the topmost Authentication-Results of a trusted server, not a forged pass below it', async () => {
    expect(await classifyFixture('own-domain-dmarc-fail-forged-pass.eml')).toMatchObject({ kind: 'phishing' });
  });

  it('quarantines our own domain with dmarc=pass hidden in smtp.mailfrom', async () => {
    const c = await classifyFixture('own-domain-dmarc-pass-in-mailfrom.eml');
    expect(c).toMatchObject({ kind: 'phishing', quarantine: 'phishing', sender: { trust: 'failed', dmarc: 'fail' } });
  });

  it.each([
    'no-reply.billing@shop.example',
    'mailer@shop.example',
    'billing-noreply@shop.example',
    'donotreply@x.example',
  ])('does not acknowledge the no-reply address %s', async (from) => {
    const mail = await parser.parse(
      Buffer.from(`From: ${from}\r\nTo: support@exchange.example\r\nSubject: Receipt\r\n\r\nb\r\n`),
    );
    expect(classify(mail, EXAMPLE_PROFILE)).toMatchObject({ kind: 'no_reply', acknowledge: false });
  });

  it('ignores Authentication-Results written by untrusted servers', async () => {
    const c = await classifyFixture('own-domain-forged-results.eml');
    expect(c.quarantine).toBeUndefined();
    expect(c.kind).toBe('own_address');
  });

  it('lets the security verdict name the kind and still reports every other signal', async () => {
    const mail = await parser.parse(
      Buffer.from(
        'From: MAILER-DAEMON@mx.example\r\nTo: support@exchange.example\r\nX-SES-Virus-Verdict: FAIL\r\nAuto-Submitted: auto-replied\r\nSubject: x\r\n\r\nbody\r\n',
      ),
    );
    const c = classify(mail, EXAMPLE_PROFILE);
    expect(c.kind).toBe('virus');
    expect(c.flags).toEqual(expect.arrayContaining(['ses_virus_fail', 'mailer_daemon', 'auto_submitted']));
  });

  it.each([
    ['Mailing-List: contact list-help@lists.example; run by ezmlm', 'list', 'mailing_list'],
    ['Sender: crypto-talk-bounces@lists.example', 'list', 'list_address'],
    ['Subject: Automatic reply: your message', 'auto_reply', 'auto_reply_subject'],
    ['Subject: Abwesenheitsnotiz', 'auto_reply', 'auto_reply_subject'],
    ['X-Apple-Action: VACATION', 'auto_reply', 'vendor_vacation'],
  ])('does not acknowledge mail with "%s"', async (header, kind, flag) => {
    const mail = await parser.parse(
      Buffer.from(`From: bob@customer.example\r\nTo: support@exchange.example\r\n${header}\r\n\r\nbody\r\n`),
    );
    expect(classify(mail, EXAMPLE_PROFILE)).toMatchObject({ kind, acknowledge: false, flags: [flag] });
  });

  it('does not acknowledge a message without a usable From address', async () => {
    const mail = await parser.parse(Buffer.from('To: support@exchange.example\r\nSubject: hello\r\n\r\nbody\r\n'));
    expect(classify(mail, EXAMPLE_PROFILE)).toMatchObject({
      kind: 'no_reply',
      acknowledge: false,
      flags: ['no_sender'],
    });
  });
});
