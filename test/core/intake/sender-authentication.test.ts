import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MailparserMimeParser } from '../../../lambdas/adapters/mime/parse';
import { senderAuthentication, trustOf } from '../../../lambdas/core/intake/sender-authentication';

const parser = new MailparserMimeParser();
const FIXTURES = join(__dirname, '../../fixtures/mail');

/** A stored message as SES writes it: its block on top, then the sender's own headers. */
function stored(ar: string, own: string, spf = 'none client-ip=192.0.2.1;'): Buffer {
  return Buffer.from(
    [
      'Return-Path: <a@customer.example>',
      'Received: from mx.customer.example ([192.0.2.1]) by inbound-smtp.us-east-1.amazonaws.com with SMTP id x',
      'X-SES-Spam-Verdict: PASS',
      'X-SES-Virus-Verdict: PASS',
      `Received-SPF: ${spf}`,
      `Authentication-Results: amazonses.com; ${ar}`,
      'X-SES-RECEIPT: AEFBQU',
      own,
      'From: Alice <a@customer.example>',
      'To: support@exchange.example',
      'Subject: hi',
      '',
      'body',
      '',
    ].join('\r\n'),
  );
}

describe('senderAuthentication', () => {
  it('rates a DMARC pass verified and records spf, dkim with domain, dmarc and alignment', async () => {
    const mail = await parser.parse(
      stored(
        'spf=pass smtp.mailfrom=a@customer.example; dkim=pass header.i=@customer.example; dmarc=pass header.from=customer.example;',
        'X-Own: 1',
      ),
    );
    expect(senderAuthentication(mail)).toEqual({
      trust: 'verified',
      spf: 'pass',
      spfDomain: 'customer.example',
      dkim: [{ result: 'pass', domain: 'customer.example' }],
      dmarc: 'pass',
      fromDomain: 'customer.example',
      aligned: { spf: true, dkim: true },
      source: 'receiver',
    });
  });

  it("gives nothing for a sender's own lower Authentication-Results: amazonses.com; dmarc=pass", async () => {
    const mail = await parser.parse(
      stored(
        'spf=none smtp.mailfrom=a@customer.example; dkim=none; dmarc=none header.from=customer.example;',
        'Received: from laptop by mx.customer.example\r\nAuthentication-Results: amazonses.com; spf=pass smtp.mailfrom=a@customer.example; dkim=pass header.d=customer.example; dmarc=pass',
      ),
    );
    expect(senderAuthentication(mail)).toMatchObject({
      trust: 'unverified',
      dmarc: 'none',
      dkim: [{ result: 'none' }],
    });
  });

  it('trusts nothing when the only Authentication-Results is below the block', async () => {
    const raw = Buffer.from(
      'From: a@customer.example\r\nAuthentication-Results: amazonses.com; dmarc=pass\r\nReceived-SPF: pass\r\nSubject: x\r\n\r\nb\r\n',
    );
    expect(senderAuthentication(await parser.parse(raw))).toMatchObject({
      trust: 'unverified',
      source: 'absent',
      dmarc: 'none',
      spf: 'none',
    });
  });

  it('does not read dmarc=pass hidden in smtp.mailfrom', async () => {
    const mail = await parser.parse(readFileSync(join(FIXTURES, 'own-domain-dmarc-pass-in-mailfrom.eml')));
    expect(senderAuthentication(mail)).toMatchObject({ trust: 'failed', dmarc: 'fail', spfDomain: 'attacker.example' });
  });

  it('falls back to Received-SPF when the results carry no spf', async () => {
    const mail = await parser.parse(
      stored('dkim=none; dmarc=none', 'X-Own: 1', 'pass client-ip=192.0.2.1; envelope-from=a@customer.example;'),
    );
    expect(senderAuthentication(mail)).toMatchObject({ trust: 'verified', spf: 'pass', aligned: { spf: true } });
  });

  const base = {
    spf: 'none',
    dkim: [],
    dmarc: 'none',
    aligned: { spf: false, dkim: false },
    source: 'receiver',
  } as const;
  it.each([
    ['DMARC pass', { ...base, dmarc: 'pass' }, 'verified'],
    ['no DMARC record, aligned SPF pass', { ...base, spf: 'pass', aligned: { spf: true, dkim: false } }, 'verified'],
    [
      'no DMARC record, aligned DKIM pass',
      { ...base, dkim: [{ result: 'pass' }], aligned: { spf: false, dkim: true } },
      'verified',
    ],
    ['no DMARC record, unaligned SPF pass', { ...base, spf: 'pass' }, 'unverified'],
    ['DMARC fail', { ...base, dmarc: 'fail', spf: 'pass', aligned: { spf: true, dkim: false } }, 'failed'],
    ['SPF fail without DKIM pass', { ...base, spf: 'fail' }, 'failed'],
    ['SPF fail with a DKIM pass', { ...base, spf: 'fail', dkim: [{ result: 'pass' }] }, 'unverified'],
    ['DMARC temperror', { ...base, dmarc: 'temperror' }, 'unverified'],
    ['no results at all', { ...base, source: 'absent' }, 'unverified'],
  ] as const)('%s -> %s', (_label, verdicts, trust) => {
    expect(trustOf(verdicts)).toBe(trust);
  });
});
