import { randomBytes } from 'node:crypto';
import { findTrackingNumbers } from '../../lambdas/core/tracking-number';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { waitForMails } from '../support/ses-inbox';
import { plainMail, smtpSend } from '../support/smtp-send';
import { apiClient } from './client';
import { repoFor } from './seed';
import { eventually } from '../support/eventually';

let t: TestEnv;
let p: Pipeline;

beforeAll(async () => {
  t = await createTestEnv();
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  p = await startPipeline(t, { intake: 'module', mailer: 'module', api: 'module' });
}, 60_000);
afterAll(async () => {
  await p?.stop();
  t?.dispose();
});

async function send(from: string, subject: string, body: string, headers: string[] = []): Promise<void> {
  await smtpSend(p.smtpPort, plainMail({ from, subject, body, headers }), { from });
}

/** Waits until `probe` finds something, and returns it. */
async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  return eventually(
    async () => {
      const found = await probe();
      expect(found).toBeDefined();
      return found!;
    },
    { intervalMs: 100, description: what },
  );
}

describe('an agent reply over the whole local stack', () => {
  it('reaches the customer threaded, and the customer answer lands in the same case', async () => {
    const customer = `rt-${randomBytes(4).toString('hex')}@customer.example`;
    await send(
      customer,
      'Deposit missing',
      'I deposited 200 USD on Monday and it does not show in my account balance.',
    );
    const [ack] = await waitForMails(t, customer, 1);
    const tracking = findTrackingNumbers(ack!.subject)[0]!;

    const call = apiClient(p.apiUrl, p.jwtSecret);
    const reply = await call('POST', `/cases/${tracking}/replies`, {
      role: 'agent',
      body: { text: 'We found your deposit; it will show within the hour.', status: 'pending' },
    });
    expect(reply.status).toBe(201);
    const mails = await waitForMails(t, customer, 2);
    const sent = mails.find((m) => m.body.text?.includes('We found your deposit'));
    expect(sent?.subject).toContain(tracking);

    // The mailer links the id SES gave the reply to the case; the customer's client answers to that id.
    const repo = repoFor(t);
    const out = await until('the recorded agent reply', async () =>
      (await repo.listMessages(tracking)).find(
        (m) => m.direction === 'out' && m.purpose === 'agent_reply' && m.messageId,
      ),
    );
    await send(customer, `Re: ${sent!.subject}`, 'Thanks, I can see it now.', [
      `In-Reply-To: ${out.messageId}`,
      `References: ${out.messageId}`,
    ]);
    const threaded = await until('the customer answer in the case', async () =>
      (await repo.listMessages(tracking)).find((m) => m.direction === 'in' && m.text.includes('I can see it now')),
    );
    expect(threaded).toBeDefined();
    expect((await repo.getCase(tracking))!.status).toBe('open');
  }, 60_000);
});
