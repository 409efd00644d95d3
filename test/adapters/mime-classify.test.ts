import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MailparserMimeParser } from '../../lambdas/adapters/mime/parse';
import { classify, type Classification, type MailKind } from '../../lambdas/core/intake/classify';
import { EXAMPLE_PROFILE } from '../../lambdas/core/firm-profile';

const FIXTURES = join(__dirname, '../fixtures/mail');
const parser = new MailparserMimeParser();

async function classifyFixture(name: string): Promise<Classification> {
  const mail = await parser.parse(readFileSync(join(FIXTURES, name)));
  return classify(mail, EXAMPLE_PROFILE);
}

/*
 * The classification rules end to end on real .eml files: the MIME parser adapter must hand classify() every
 * signal it reads (headers, envelope, report type, part types). The rules alone are in test/core/intake.
 */
describe('classify on parsed .eml fixtures', () => {
  it('acknowledges a plain message from a person', async () => {
    const c = await classifyFixture('human.eml');
    // The fixture carries no receiver verdict block, so its sender is unverified (acknowledged, echoing nothing).
    expect(c).toMatchObject({ kind: 'human', acknowledge: true, flags: ['unverified_sender'] });
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

  it('ignores Authentication-Results written by untrusted servers', async () => {
    const c = await classifyFixture('own-domain-forged-results.eml');
    expect(c.quarantine).toBeUndefined();
    expect(c.kind).toBe('own_address');
  });
});
