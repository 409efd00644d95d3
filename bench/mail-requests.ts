import { randomBytes } from 'node:crypto';
import { clients } from '../lambdas/shared/clients';
import type { TestEnv } from '../test/support/local-env';
import { startPipeline } from '../test/support/local-pipeline';
import { generateSupportMail } from '../test/support/support-mail';
import { sendOverSmtp, waitUntilRecordedAndSent } from '../test/support/thread-tally';
import { tallyRequests } from './request-tally';
import { progress } from './stats';

export interface MailRequestsResult {
  readonly mails: number;
  /** Requests per mail the intake and the mailer sent, by `<service>:<operation>`. */
  readonly requestsPerMail: Record<string, number>;
  /** DynamoDB capacity units per mail, as DynamoDB bills them (index copies included in the writes). */
  readonly readUnitsPerMail: number;
  readonly writeUnitsPerMail: number;
  readonly indexUnitsPerMail: Record<string, number>;
}

/**
 * What one new support mail costs in requests, from intake to its acknowledgement: the real intake and
 * mailer handlers in this process (SMTP intake -> S3 -> inbound queue -> intake -> outbound queue ->
 * mailer -> SES emulator), their SDK clients counted, DynamoDB asked for the capacity each request used.
 * The cost estimate uses these numbers instead of counts read off the code.
 */
export async function measureMailRequests(t: TestEnv, mails = 200): Promise<MailRequestsResult> {
  const pipeline = await startPipeline(t, { intake: 'module', mailer: 'module' });
  try {
    const c = clients();
    const tally = tallyRequests({ dynamodb: c.dynamo, s3: c.s3, sqs: c.sqs, ses: c.ses });
    const run = async (count: number) => {
      const batch = generateSupportMail({ count, tag: randomBytes(3).toString('hex'), followUpShare: 0 });
      await sendOverSmtp(pipeline.smtpPort, batch, 8);
      await waitUntilRecordedAndSent(t, batch, { timeoutMs: 300_000, intervalMs: 250 });
    };
    // Container set-up reads (the send quota, the first backlog reading) are not per mail.
    await run(20);
    tally.reset();
    progress(`requests per mail: ${mails} new mails through intake and mailer`);
    await run(mails);
    const per = (n: number) => n / mails;
    return {
      mails,
      requestsPerMail: Object.fromEntries(
        Object.entries(tally.requests)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, n]) => [k, per(n)]),
      ),
      readUnitsPerMail: per(tally.dynamo.readUnits),
      writeUnitsPerMail: per(tally.dynamo.writeUnits),
      indexUnitsPerMail: Object.fromEntries(Object.entries(tally.dynamo.indexUnits).map(([k, n]) => [k, per(n)])),
    };
  } finally {
    await pipeline.stop();
  }
}
