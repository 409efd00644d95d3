import { randomBytes } from 'node:crypto';
import type { StackProcess } from './stack-process';
import { generateSupportMail } from '../test/support/support-mail';
import { sendOverSmtp, tallyThreads, waitUntilRecordedAndSent, type ThreadTally } from '../test/support/thread-tally';
import { dynamoDbLocalPid, processCpuMs } from './process-cpu';
import { progress } from './stats';

export interface ThreadingResult extends ThreadTally {
  readonly connections: number;
  /** SMTP: first connection opened to last mail accepted. */
  readonly sendMs: number;
  /** First mail sent to the queues drained (every mail recorded, every acknowledgement sent). */
  readonly totalMs: number;
  /** Mails through the whole pipeline per second (`mails / totalMs`). */
  readonly msgPerSec: number;
  /** CPU per mail of the stack's Node process (all its threads) and of DynamoDB Local's Java process. */
  readonly cpuMsPerMail?: { readonly node: number; readonly java?: number };
}

/**
 * Generated support mail with 20% follow-ups (test/support/support-mail.ts) over parallel SMTP connections
 * into the local pipeline; counts cases per thread and acknowledgements per case, as the end-to-end test does
 * with fewer mails (test/e2e/out-of-order-threads.test.ts).
 */
export async function measureThreading(
  stack: StackProcess,
  count: number,
  connections: number,
): Promise<ThreadingResult> {
  const t = stack.env;
  {
    const mails = generateSupportMail({ count, tag: randomBytes(3).toString('hex') });
    progress(`threading: sending ${count} mails over ${connections} SMTP connections`);
    const javaPid = dynamoDbLocalPid(Number(new URL(t.endpoints.dynamodb).port));
    const cpu = () => ({ node: processCpuMs(stack.pid), java: javaPid ? processCpuMs(javaPid) : undefined });
    const cpuBefore = cpu();
    const started = Date.now();
    const sendMs = await sendOverSmtp(stack.smtpPort, mails, connections);
    await waitUntilRecordedAndSent(t, mails, { timeoutMs: 900_000, intervalMs: 1000 });
    const totalMs = Date.now() - started;
    const cpuAfter = cpu();
    const cpuMsPerMail = {
      node: (cpuAfter.node - cpuBefore.node) / count,
      ...(cpuAfter.java !== undefined && cpuBefore.java !== undefined
        ? { java: (cpuAfter.java - cpuBefore.java) / count }
        : {}),
    };
    const tally = await tallyThreads(t, mails);
    progress(`threading: ${tally.cases} cases for ${tally.threads} threads, ${tally.acks} acknowledgements`);
    return { ...tally, connections, sendMs, totalMs, msgPerSec: (count * 1000) / totalMs, cpuMsPerMail };
  }
}
