import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { firstResponsesKey } from '../../lambdas/app/stats';
import { apiClient } from '../api/client';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { eventually } from '../support/eventually';
import { deadLetters, waitForDrain } from '../support/queues';
import { waitForMails, type StoredMail } from '../support/ses-inbox';
import { sentEvent } from '../support/surge';

/**
 * A market-crash drill on the local stack, bounded so it fits `npm test` (DRILL_MESSAGES raises it;
 * `npm run bench` runs the long version): a burst of mail arrives at once; every message must be
 * acknowledged exactly once, none lost, and the response time we state must grow with the backlog
 * instead of promising what the team cannot do.
 */
const N = Number(process.env.DRILL_MESSAGES ?? 200);

let t: TestEnv;
let p: Pipeline;
let repo: DynamoCaseRepository;

beforeAll(async () => {
  t = await createTestEnv({ visibilityTimeoutSeconds: 30 });
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  p = await startPipeline(t, { intake: 'module', mailer: 'module', api: 'module' });
  repo = new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
}, 60_000);
afterAll(async () => {
  await p.stop();
  t.dispose();
});

async function allMails(): Promise<StoredMail[]> {
  const res = await fetch(`${t.endpoints.ses}/store`);
  return ((await res.json()) as { emails: StoredMail[] }).emails;
}

/** What the acknowledgement stated, from its audit event (recorded just after SES accepted the mail). */
async function statedFor(tracking: string): Promise<{ expectedResponseAt: string; surge: boolean; notices: string[] }> {
  return eventually(
    async () => {
      const sent = await sentEvent(repo, tracking, 'acknowledgement');
      expect(sent?.data.stated).toBeDefined();
      return sent!.data.stated as { expectedResponseAt: string; surge: boolean; notices: string[] };
    },
    { description: `the acknowledgement of ${tracking} is recorded` },
  );
}

describe(`surge drill: ${N} mails at once`, () => {
  it('acknowledges every one exactly once, loses none, and states a response time that grows with the backlog', async () => {
    // Recent throughput: 2 first responses an hour. A backlog of hundreds cannot be answered within the
    // policy's one business day, and the acknowledgement must say so.
    const now = new Date();
    for (let h = 0; h < 3; h++)
      await repo.incrementCounter(
        firstResponsesKey(new Date(now.getTime() - h * 3600_000)),
        new Date(now.getTime() + 4 * 3600_000),
        2,
      );

    const tag = randomBytes(3).toString('hex');
    const senders = Array.from({ length: N }, (_, i) => `drill${i}-${tag}@customer.example`);
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: p.smtpPort,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 5,
      maxMessages: Infinity,
    });
    const started = Date.now();
    for (let i = 0; i < N; i += 50) {
      await Promise.all(
        senders.slice(i, i + 50).map((from, j) =>
          transport.sendMail({
            from,
            to: 'support@exchange.example',
            subject: `Cannot withdraw (${i + j})`,
            text: 'The exchange shows my withdrawal as pending since the crash.',
          }),
        ),
      );
    }
    transport.close();
    const accepted = Date.now();

    const acks = await eventually(
      async () => {
        const got = (await allMails()).filter((m) => m.destination.to.some((to) => to.includes(`-${tag}@`)));
        expect(got.length).toBeGreaterThanOrEqual(N);
        return got;
      },
      { timeoutMs: 240_000, intervalMs: 1000, description: `${N} acknowledgements` },
    );
    const acknowledged = Date.now();
    console.log(
      `drill: ${N} mails accepted over SMTP in ${accepted - started} ms; all acknowledged after ${acknowledged - started} ms`,
    );
    await waitForDrain(t, { timeoutMs: 60_000, description: 'intake and mailer finish every mail' });
    const perSender = new Map<string, number>();
    for (const m of await allMails())
      for (const to of m.destination.to) if (to.includes(`-${tag}@`)) perSender.set(to, (perSender.get(to) ?? 0) + 1);
    expect(perSender.size).toBe(N);
    expect([...perSender.values()].every((n) => n === 1)).toBe(true);

    expect(await deadLetters(t, ['inbound', 'outbound'])).toEqual({ inbound: 0, outbound: 0 });

    // Stated times, in the order the acknowledgements were sent.
    const ordered = [...acks].sort((a, b) => a.at - b.at);
    const tracking = (m: StoredMail) => /\[([0-9A-Z-]{14})\]/.exec(m.subject)![1]!;
    const first = await statedFor(tracking(ordered[0]!));
    const last = await statedFor(tracking(ordered.at(-1)!));
    expect(Date.parse(last.expectedResponseAt)).toBeGreaterThan(Date.parse(first.expectedResponseAt));
    expect(last.surge).toBe(true);
    expect(ordered.at(-1)!.body.text).toMatch(/unusually high|volume/i);
  }, 300_000);

  it('puts a notice a supervisor declares through the API, and its extra delay, into the next acknowledgement', async () => {
    const call = apiClient(p.apiUrl, p.jwtSecret);
    const start = new Date(Date.now() - 60_000).toISOString();
    const declared = await call('POST', '/notices', {
      role: 'supervisor',
      body: {
        kind: 'maintenance',
        message: 'Withdrawals are paused for a wallet upgrade.',
        startsAt: start,
        extraDelayMinutes: 24 * 60,
      },
    });
    expect(declared.status).toBe(201);
    const before = Date.now();
    const from = `notice-${randomBytes(3).toString('hex')}@customer.example`;
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: p.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from,
      to: 'support@exchange.example',
      subject: 'Where is my withdrawal?',
      text: 'My withdrawal has not arrived.',
    });
    transport.close();
    const [ack] = await waitForMails(t, from);
    expect(ack?.body.text).toContain('Withdrawals are paused for a wallet upgrade.');
    // The mailer records what it stated just after SES accepted the mail.
    const tracking = /\[([0-9A-Z-]{14})\]/.exec(ack!.subject)![1]!;
    const stated = await statedFor(tracking);
    expect(stated.notices).toHaveLength(1);
    // The notice adds a day of delay on top of the policy's target: never earlier than that.
    expect(Date.parse(stated.expectedResponseAt) - before).toBeGreaterThan(24 * 3600_000);
  }, 60_000);
});
