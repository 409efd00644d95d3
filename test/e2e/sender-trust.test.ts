import { randomBytes } from 'node:crypto';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { eventually } from '../support/eventually';
import { waitForDrain } from '../support/queues';
import { mailsTo, waitForMails } from '../support/ses-inbox';
import { plainMail, smtpSend } from '../support/smtp-send';

let t: TestEnv;
let p: Pipeline;
let repo: DynamoCaseRepository;

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

/** A mail whose From display name carries an attacker's text, as a phishing relay attempt would. */
async function send(from: string, subject: string, body: string): Promise<void> {
  const raw = plainMail({
    from: `"Security alert - verify at https://exchange-verify.example" <${from}>`,
    subject,
    body,
    messageIdDomain: 'mx.attacker.example',
  });
  await smtpSend(p.smtpPort, raw, { from });
}

describe('sender trust over real SMTP', () => {
  it('sends nothing to a forged From that fails DMARC, and keeps the mail as a flagged case', async () => {
    // bank.example publishes `-all` and `p=reject` in the local zone: mail from 127.0.0.1 fails both.
    const victim = `victim-${randomBytes(4).toString('hex')}@bank.example`;
    await send(victim, 'ACTION REQUIRED: call +1 555 0100', 'Your account is locked, call us now.');
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
    await send(alice, 'Deposit missing', 'My deposit of 100 USDT is not credited.');
    const [ack] = await waitForMails(t, alice);
    expect(ack!.subject).toMatch(/\] Deposit missing$/);
  });
});
