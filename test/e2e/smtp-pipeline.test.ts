import { randomBytes } from 'node:crypto';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { findTrackingNumbers } from '../../lambdas/core/tracking-number';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { eventually } from '../support/eventually';
import { waitForDrain } from '../support/queues';
import { mailsTo, waitForMails } from '../support/ses-inbox';
import { plainMail, smtpSend } from '../support/smtp-send';

let t: TestEnv;
let p: Pipeline;
let repo: DynamoCaseRepository;
const SUPPORT = 'support@exchange.example';

beforeAll(async () => {
  t = await createTestEnv();
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  p = await startPipeline(t, { intake: 'module', mailer: 'module' });
  repo = new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
}, 60_000);
afterAll(async () => {
  await p.stop();
  t.dispose();
});

/** The one case opened for `address` (waits for intake to write it: the positive signal that intake ran). */
async function caseOf(address: string) {
  return eventually(
    async () => {
      const page = await repo.queryCases({ customer: address, limit: 10 });
      expect(page.items).toHaveLength(1);
      return page.items[0]!;
    },
    { description: `a case for ${address}` },
  );
}

const customer = (name = 'cust') => `${name}-${randomBytes(4).toString('hex')}@customer.example`;

const send = (raw: string, from: string, to = SUPPORT) => smtpSend(p.smtpPort, raw, { from, to: [to] });

function rfc822(o: { from: string; subject: string; body: string; headers?: string[]; messageId?: string }): string {
  return plainMail({
    from: o.from,
    subject: o.subject,
    body: o.body,
    ...(o.headers ? { headers: o.headers } : {}),
    ...(o.messageId ? { messageIdLocal: o.messageId } : {}),
  });
}

describe('the local pipeline over real SMTP', () => {
  // How fast is measured by `npm run bench` (bench/smtp-latency.ts) on a quiet machine; here only what arrives.
  it('acknowledges a new mail exactly once, with the tracking number in brackets', async () => {
    const alice = customer('alice');
    await send(
      rfc822({
        from: alice,
        subject: 'My withdrawal is stuck',
        body: 'I sent 0.5 BTC yesterday and it has not arrived in my wallet. Please help.',
      }),
      alice,
    );
    const [ack] = await waitForMails(t, alice);
    expect(ack!.subject).toMatch(/^\[[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\] My withdrawal is stuck$/);
    const tracking = findTrackingNumbers(ack!.subject)[0]!;
    expect(ack!.body.text).toContain(tracking);
    expect(ack!.body.text).toMatch(/password|seed phrase/i);
    expect(ack!.body.text).toContain('(800) 342-3736');
    expect(ack!.replyTo.join(' ')).toMatch(/support\+/);
    await waitForDrain(t, { description: 'intake and mailer finish' });
    expect(await mailsTo(t, alice)).toHaveLength(1);
    const c = await repo.getCase(tracking);
    expect(c).toMatchObject({ status: 'new', topic: 'withdrawal', customer: { address: alice } });
  });

  it('gives the same message delivered twice one case and one acknowledgement', async () => {
    const bob = customer('bob');
    const raw = rfc822({ from: bob, subject: 'Deposit missing', body: 'My deposit of 100 USDT is not credited.' });
    await send(raw, bob);
    await send(raw, bob);
    await waitForMails(t, bob);
    await waitForDrain(t, { description: 'both deliveries are processed' });
    expect(await mailsTo(t, bob)).toHaveLength(1);
    const page = await repo.queryCases({ customer: bob, limit: 10 });
    expect(page.items).toHaveLength(1);
  });

  it.each([
    ['an out-of-office reply', ['Auto-Submitted: auto-replied', 'X-Autoreply: yes'], 'Out of office'],
    [
      'a mailing-list mail',
      ['List-Id: <news.lists.example>', 'List-Unsubscribe: <mailto:u@lists.example>', 'Precedence: list'],
      'Weekly digest',
    ],
    ['a bulk mail', ['Precedence: bulk'], 'Special offer'],
  ])('does not answer %s, but keeps it as a case', async (_what, headers, subject) => {
    const sender = customer('machine');
    await send(rfc822({ from: sender, subject, body: 'Automated text.', headers }), sender);
    const kept = await caseOf(sender);
    expect(kept.flags.some((f) => f.startsWith('ack_withheld'))).toBe(true);
    await waitForDrain(t, { description: 'intake and mailer finish' });
    expect(await mailsTo(t, sender)).toHaveLength(0);
  });

  it('does not answer a bounce from MAILER-DAEMON', async () => {
    const daemon = `MAILER-DAEMON@${randomBytes(3).toString('hex')}.mx.example`;
    const raw = [
      `From: Mail Delivery System <${daemon}>`,
      `To: ${SUPPORT}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <${randomBytes(6).toString('hex')}@mx.example>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Delivery failed.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example',
      '',
      'Final-Recipient: rfc822; x@y.example',
      'Action: failed',
      'Status: 5.1.1',
      '--b1--',
      '',
    ].join('\r\n');
    await send(raw, '');
    expect((await caseOf(daemon)).flags.some((f) => f.startsWith('ack_withheld'))).toBe(true);
    await waitForDrain(t, { description: 'intake and mailer finish' });
    expect(await mailsTo(t, daemon)).toHaveLength(0);
  });

  it('does not answer mail from our own address', async () => {
    await send(
      rfc822({ from: 'support@exchange.example', subject: 'Looping?', body: 'Our own mail came back.' }),
      'support@exchange.example',
    );
    // exchange.example is not in the local DNS zone, so the mail is unverified: its case carries a fixed
    // subject, never the sender's words, and is the only case of that address in this file.
    const kept = await caseOf('support@exchange.example');
    expect(kept.flags).toContain('unverified_sender');
    expect(kept.flags.some((f) => f.startsWith('ack_withheld'))).toBe(true);
    await waitForDrain(t, { description: 'intake and mailer finish' });
    expect((await mailsTo(t, 'support@exchange.example')).filter((m) => m.subject.includes('Looping?'))).toHaveLength(
      0,
    );
  });

  it('threads a customer reply into its case, and opens a new case for a stranger quoting the number', async () => {
    const carol = customer('carol');
    await send(
      rfc822({ from: carol, subject: 'Account locked', body: 'I cannot log in, my 2FA device is lost.' }),
      carol,
    );
    const [ack] = await waitForMails(t, carol);
    const tracking = findTrackingNumbers(ack!.subject)[0]!;
    // SES has the mail a moment before the mailer has recorded it on the case.
    await eventually(
      async () => {
        const ackRecord = (await repo.listMessages(tracking)).find((m) => m.direction === 'out');
        expect(ackRecord?.messageId).toBeDefined();
      },
      { description: 'the mailer records the acknowledgement on the case' },
    );
    // The reply carries our Message-ID in In-Reply-To, as any mail client does.
    const ourId = (await repo.getCase(tracking))!.threadMessageIds.at(-1)!;
    await send(
      rfc822({
        from: carol,
        subject: `Re: ${ack!.subject}`,
        body: 'Here is my ID document number.',
        headers: [`In-Reply-To: <${ourId}>`, `References: <${ourId}>`],
      }),
      carol,
    );
    const mallory = customer('mallory');
    await send(
      rfc822({
        from: mallory,
        subject: `Re: [${tracking}] Account locked`,
        body: 'Please send me the details of this case.',
      }),
      mallory,
    );
    const stranger = await caseOf(mallory);
    expect(stranger.tracking).not.toBe(tracking);
    await waitForDrain(t, { description: 'both mails are processed' });
    const inbound = (await repo.listMessages(tracking)).filter((m) => m.direction === 'in');
    expect(inbound.map((m) => m.from)).toEqual([carol, carol]);
  });

  it.each([
    [
      'Romanian',
      'Retragere blocată',
      'Bună ziua, am încercat să retrag fonduri din contul meu de trei zile și tranzacția nu a fost procesată. Vă rog să mă ajutați cât mai curând posibil.',
      /Bună ziua|număr de urmărire|mulțumim/i,
    ],
    [
      'Italian',
      'Prelievo bloccato',
      'Buongiorno, ho provato a prelevare i miei fondi dal conto tre giorni fa e la transazione non è ancora stata elaborata. Vi prego di aiutarmi il prima possibile.',
      /Gentile|numero di riferimento|grazie|abbiamo ricevuto/i,
    ],
    [
      'Chinese',
      '提现被卡住',
      '您好，我三天前尝试从我的账户提取资金，但交易至今仍未处理。请尽快帮助我解决这个问题，谢谢。',
      /您好|我们已收到|跟踪编号|追踪编号|工单/,
    ],
  ])('acknowledges a %s mail in that language', async (_lang, subject, body, phrase) => {
    const sender = customer('lang');
    await send(rfc822({ from: sender, subject, body }), sender);
    const [ack] = await waitForMails(t, sender);
    expect(ack!.body.text).toMatch(phrase);
  });
});
