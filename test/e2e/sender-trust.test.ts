import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { eventually } from '../support/eventually';
import { waitForDrain } from '../support/queues';
import { mailsTo, waitForMails } from '../support/ses-inbox';

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

async function smtpSend(from: string, subject: string, body: string): Promise<void> {
  const raw = [
    `From: "Security alert - verify at https://exchange-verify.example" <${from}>`,
    `To: ${SUPPORT}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${randomBytes(8).toString('hex')}@mx.attacker.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: p.smtpPort, secure: false, ignoreTLS: true });
  await transport.sendMail({ envelope: { from, to: [SUPPORT] }, raw });
  transport.close();
}

describe('sender trust over real SMTP', () => {
  it('sends nothing to a forged From that fails DMARC, and keeps the mail as a flagged case', async () => {
    // bank.example publishes `-all` and `p=reject` in the local zone: mail from 127.0.0.1 fails both.
    const victim = `victim-${randomBytes(4).toString('hex')}@bank.example`;
    await smtpSend(victim, 'ACTION REQUIRED: call +1 555 0100', 'Your account is locked, call us now.');
    const kept = await eventually(
      async () => {
        const page = await repo.queryCases({ customer: victim, limit: 10 });
        expect(page.items).toHaveLength(1);
        return page.items[0]!;
      },
      { description: 'the forged mail is kept as a case' },
    );
    expect(kept.flags).toContain('sender_failed_authentication');
    expect(kept.senderAuthentication).toMatchObject({ trust: 'failed' });
    await waitForDrain(t, { description: 'intake and mailer finish' });
    expect(await mailsTo(t, victim)).toHaveLength(0);
  });

  it('still acknowledges a verified customer', async () => {
    const alice = `alice-${randomBytes(4).toString('hex')}@customer.example`;
    await smtpSend(alice, 'Deposit missing', 'My deposit of 100 USDT is not credited.');
    const [ack] = await waitForMails(t, alice);
    expect(ack!.subject).toMatch(/\] Deposit missing$/);
  });
});
