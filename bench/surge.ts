import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface SurgeResult {
  readonly mails: number;
  readonly ratePerSec: number;
  /** SMTP send of all mails until every acknowledgement was queued (the mailer stopped meanwhile). */
  readonly intakeMs: number;
  /** Mailer start to the last acknowledgement's SES second (inclusive). */
  readonly drainMs: number;
  /** N / rate. */
  readonly idealMs: number;
  readonly acknowledgements: number;
  readonly senders: number;
  readonly sendersWithOtherThanOne: number;
  readonly deadLetters: number;
  /** Mailer start to each acknowledgement at SES (whole seconds): the wait the quota imposed. */
  readonly ackWaitP50Ms: number;
  readonly ackWaitP99Ms: number;
  /** The first acknowledgement's stated send backlog, and the time the queue behind it actually took. */
  readonly firstStatedBacklogS: number;
  readonly firstActualBacklogS: number;
  /** Stated send backlog / actual remaining drain, over acknowledgements with >= 5 s still to drain. */
  readonly statedOverActualP50: number;
  readonly statedOverActualMin: number;
  readonly statedOverActualMax: number;
  /** Stated expected response time, hours after the case opened (policy time + send backlog). */
  readonly statedResponseHoursMin: number;
  readonly statedResponseHoursMax: number;
  /** The broadcast after the acknowledgements: notices sent, declaration to the last one's SES second. */
  readonly notices: number;
  readonly noticesDrainMs: number;
  /** N / the bulk lane's share of the budget (the reserve kept for interactive mail left out). */
  readonly noticesIdealMs: number;
  /** Times each notice was deferred for the budget before it went out (its mail_sent event). */
  readonly noticeDeferralsMean: number;
  readonly noticeDeferralsMax: number;
}

/** Runs bench/surge-child.ts in its own process (its own emulators, an SES emulator limited to `rate`). */
export function measureSurge(mails: number, rate: number): Promise<SurgeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'surge-child.ts'), String(mails), String(rate)],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DOCKET_SES_MAX_SEND_RATE: String(rate) } },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1);
      if (code !== 0 || !line) return reject(new Error(`surge child exited with ${code}`));
      resolve(JSON.parse(line) as SurgeResult);
    });
  });
}
