import { randomBytes } from 'node:crypto';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { eventually } from '../support/eventually';
import { deadLetters, waitForDrain } from '../support/queues';
import { generateSupportMail } from '../support/support-mail';
import { recordedCases, sendOverSmtp, tallyThreads } from '../support/thread-tally';

/** Sized for `npm test`; `npm run bench` sends 1,000 the same way (bench/threading.ts). */
const MAILS = 300;
const CONNECTIONS = 16;

let t: TestEnv;
let p: Pipeline;

beforeAll(async () => {
  t = await createTestEnv();
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  p = await startPipeline(t, { intake: 'module', mailer: 'module' });
}, 60_000);
afterAll(async () => {
  await p.stop();
  t.dispose();
});

describe('threads over parallel SMTP connections, follow-ups racing their originals', () => {
  it(`gives ${MAILS} mails with 20% follow-ups exactly one case per thread and one acknowledgement per case`, async () => {
    const mails = generateSupportMail({ count: MAILS, tag: randomBytes(3).toString('hex') });
    const threads = mails.filter((m) => !m.followUp).length;
    expect(mails.length - threads).toBe(MAILS / 5);

    await sendOverSmtp(p.smtpPort, mails, CONNECTIONS);
    await eventually(async () => expect((await recordedCases(t, mails)).size).toBe(MAILS), {
      timeoutMs: 150_000,
      intervalMs: 500,
      description: 'intake records every mail',
    });
    await waitForDrain(t, { timeoutMs: 90_000, description: 'intake and mailer finish' });

    const tally = await tallyThreads(t, mails);
    expect(tally).toMatchObject({
      recorded: MAILS,
      cases: threads,
      threadsInOneCase: threads,
      acks: threads,
      casesWithOneAck: threads,
    });
    expect(await deadLetters(t, ['inbound', 'outbound'])).toEqual({ inbound: 0, outbound: 0 });
  }, 300_000);
});
