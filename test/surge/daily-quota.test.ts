import { randomBytes } from 'node:crypto';
import { eventually } from '../support/eventually';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { deadLetters, waitForDrain } from '../support/queues';
import { quotaSes, sendSurge, storedMails } from '../support/surge';

/**
 * SES's 24-hour quota spent mid-stream, on the local stack: the SES emulator allows QUOTA mails per
 * WINDOW seconds (its stand-in for 24 hours). Mail past the quota is held, not failed, and goes out once the
 * window frees; every mail gets exactly one acknowledgement and nothing reaches a dead-letter queue.
 */
const QUOTA = 4;
const WINDOW_SECONDS = 12;
const MAILS = 10;

let t: TestEnv;
let ses: { url: string; stop(): Promise<void> };
let p: Pipeline;

beforeAll(async () => {
  t = await createTestEnv({ visibilityTimeoutSeconds: 30 });
  ses = await quotaSes({ dailyQuota: QUOTA, windowSeconds: WINDOW_SECONDS });
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  // Held mail is tried again after this many seconds (900 on AWS: the SQS maximum delay).
  process.env.DAILY_QUOTA_HOLD_SECONDS = '3';
  p = await startPipeline(t, { intake: 'module', mailer: 'module' });
}, 60_000);
afterAll(async () => {
  delete process.env.DAILY_QUOTA_HOLD_SECONDS;
  await p?.stop();
  await ses?.stop();
  t?.dispose();
});

describe(`SES's daily quota of ${QUOTA} spent by ${MAILS} mails`, () => {
  it('sends up to the quota, holds the rest without failing it, and sends each once when the quota frees', async () => {
    const tag = randomBytes(3).toString('hex');
    const senders = Array.from({ length: MAILS }, (_, i) => `quota${i}-${tag}@customer.example`);
    await sendSurge(p.smtpPort, senders, (i) => `Where is my deposit (${i})`);
    const ours = async () =>
      (await storedMails(ses.url)).filter((m) => m.destination.to.some((to) => to.includes(tag)));

    // The quota runs out: exactly QUOTA go out in the first window, and the rest wait.
    const first = await eventually(
      async () => {
        const got = await ours();
        expect(got.length).toBeGreaterThanOrEqual(QUOTA);
        return got;
      },
      { timeoutMs: 120_000, description: `the first ${QUOTA} acknowledgements` },
    );
    const firstWindow = first[0]!.at;
    expect(first.filter((m) => m.at < firstWindow + WINDOW_SECONDS - 1).length).toBeLessThanOrEqual(QUOTA);

    // Held mail goes out as the quota frees, each exactly once, and nothing is parked in a DLQ.
    const all = await eventually(
      async () => {
        const got = await ours();
        expect(got.length).toBeGreaterThanOrEqual(MAILS);
        return got;
      },
      { timeoutMs: 240_000, intervalMs: 250, description: `all ${MAILS} acknowledgements` },
    );
    await waitForDrain(t, { timeoutMs: 120_000, description: 'nothing left to send' });
    const perSender = new Map<string, number>();
    for (const m of await ours()) for (const to of m.destination.to) perSender.set(to, (perSender.get(to) ?? 0) + 1);
    expect(perSender.size).toBe(MAILS);
    expect([...perSender.values()].every((n) => n === 1)).toBe(true);
    // Never more than QUOTA inside one window.
    const stamps = all.map((m) => m.at).sort((a, b) => a - b);
    for (let i = QUOTA; i < stamps.length; i++)
      expect(stamps[i]! - stamps[i - QUOTA]!).toBeGreaterThanOrEqual(WINDOW_SECONDS - 1);
    expect(await deadLetters(t, ['inbound', 'outbound', 'outbound-bulk'])).toEqual({
      inbound: 0,
      outbound: 0,
      'outbound-bulk': 0,
    });
  }, 600_000);
});
