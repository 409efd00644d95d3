import { randomBytes } from 'node:crypto';
import { DynamoCaseRepository } from '../lambdas/adapters/dynamodb/case-repository';
import { installMiddyResolver } from '../local/middy-resolver';
import { eventually } from '../test/support/eventually';
import { startPipeline, type Pipeline } from '../test/support/local-pipeline';
import { deadLetters } from '../test/support/queues';
import { laneLimit, windowCapacity } from '../lambdas/core/send-budget';
import {
  declareBroadcast,
  quotaSes,
  sentEvent,
  storedMails,
  surgeAcknowledgements,
  surgeNotices,
  takeInSurge,
  trackingOf,
} from '../test/support/surge';
import { startBenchStack } from './local-stack';
import { progress, quantile } from './stats';
import type { SurgeResult } from './surge';

/**
 * The "surge under quota" section in a process of its own (the mailer's SES client is created once per
 * process and must point at an SES emulator with a fixed send rate): N mails at once over SMTP, taken in
 * with the mailer stopped, then the mailer meets the whole queue; once every acknowledgement is out, a
 * supervisor broadcasts a notice to every open case (the surge's). Prints one JSON line (SurgeResult).
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2]);
  const rate = Number(process.argv[3]);
  installMiddyResolver();
  const stack = await startBenchStack();
  const ses = await quotaSes({ maxSendRate: rate, windowSeconds: 86_400 });
  let intake: Pipeline | undefined;
  let mailer: Pipeline | undefined;
  try {
    const t = stack.env;
    intake = await startPipeline(t, { intake: 'module', api: 'module' });
    const tag = randomBytes(3).toString('hex');
    const t0 = Date.now();
    await takeInSurge(t, intake.smtpPort, n, tag, 900_000);
    const intakeMs = Date.now() - t0;
    progress(`surge: ${n} mails taken in in ${(intakeMs / 1000).toFixed(0)} s; starting the mailer at ${rate}/s`);
    const started = Date.now();
    mailer = await startPipeline(t, { mailer: 'module', smtp: false });
    const acks = await eventually(
      async () => {
        const got = surgeAcknowledgements(await storedMails(ses.url), tag);
        if (got.length < n) throw new Error(`${got.length} of ${n} acknowledgements`);
        return got;
      },
      { timeoutMs: 900_000, intervalMs: 500, description: `${n} acknowledgements` },
    );
    // The SES emulator stamps each mail in whole epoch seconds.
    const sentAt = acks.map((m) => m.at * 1000).sort((a, b) => a - b);
    const drainMs = sentAt.at(-1)! + 1000 - started;
    const perSender = new Map<string, number>();
    for (const m of acks) for (const to of m.destination.to) perSender.set(to, (perSender.get(to) ?? 0) + 1);
    // What each acknowledgement stated (its mail_sent event) against what happened after it.
    const repo = new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
    const lastAck = sentAt.at(-1)! + 1000;
    const stated = await Promise.all(
      acks.map(async (m) => {
        const events = await repo.listEvents(trackingOf(m) as never);
        const sent = events.find((e) => e.type === 'mail_sent' && e.data.purpose === 'acknowledgement');
        const s = (sent?.data.stated ?? {}) as { sendBacklogSeconds?: number; expectedResponseAt?: string };
        const opened = events[0]!.at;
        return {
          waitMs: m.at * 1000 - started,
          statedBacklogS: s.sendBacklogSeconds ?? Number.NaN,
          actualBacklogS: (lastAck - m.at * 1000) / 1000,
          statedResponseH: s.expectedResponseAt
            ? (Date.parse(s.expectedResponseAt) - Date.parse(opened)) / 3_600_000
            : Number.NaN,
        };
      }),
    );
    const early = stated.filter((s) => s.actualBacklogS >= 5);
    const ratios = early.map((s) => s.statedBacklogS / s.actualBacklogS);
    // The broadcast: N notices on the bulk lane, which takes at most its share of each second.
    const declaredAt = Date.now();
    const declared = await declareBroadcast(intake.apiUrl, intake.jwtSecret);
    if (declared.status !== 201) throw new Error(`the broadcast was refused: ${declared.status} ${declared.text}`);
    const notices = await eventually(
      async () => {
        const got = surgeNotices(await storedMails(ses.url), tag);
        if (got.length < n) throw new Error(`${got.length} of ${n} notices`);
        return got;
      },
      { timeoutMs: 900_000, intervalMs: 500, description: `${n} notices` },
    );
    progress(`surge: ${n} notices sent`);
    const noticeDeferrals = await Promise.all(
      notices.map(async (m) => Number((await sentEvent(repo, trackingOf(m), 'notice'))?.data.deferrals ?? 0)),
    );
    const dlq = await deadLetters(t, ['inbound', 'outbound', 'outbound-bulk']);
    const result: SurgeResult = {
      mails: n,
      ratePerSec: rate,
      intakeMs,
      drainMs,
      idealMs: (n / rate) * 1000,
      acknowledgements: acks.length,
      senders: perSender.size,
      sendersWithOtherThanOne: [...perSender.values()].filter((k) => k !== 1).length,
      deadLetters: Object.values(dlq).reduce((a, b) => a + b, 0),
      ackWaitP50Ms: quantile(
        stated.map((s) => s.waitMs),
        0.5,
      ),
      ackWaitP99Ms: quantile(
        stated.map((s) => s.waitMs),
        0.99,
      ),
      firstStatedBacklogS: stated.reduce((a, s) => (s.waitMs < a.waitMs ? s : a)).statedBacklogS,
      firstActualBacklogS: stated.reduce((a, s) => (s.waitMs < a.waitMs ? s : a)).actualBacklogS,
      statedOverActualP50: quantile(ratios, 0.5),
      statedOverActualMin: Math.min(...ratios),
      statedOverActualMax: Math.max(...ratios),
      statedResponseHoursMin: Math.min(...stated.map((s) => s.statedResponseH)),
      statedResponseHoursMax: Math.max(...stated.map((s) => s.statedResponseH)),
      notices: notices.length,
      noticesDrainMs: Math.max(...notices.map((m) => m.at)) * 1000 + 1000 - declaredAt,
      noticesIdealMs: (n / laneLimit('bulk', windowCapacity({ maxSendRate: rate })!)) * 1000,
      noticeDeferralsMean: noticeDeferrals.reduce((a, b) => a + b, 0) / noticeDeferrals.length,
      noticeDeferralsMax: Math.max(...noticeDeferrals),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await mailer?.stop();
    await intake?.stop();
    await ses.stop();
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`surge failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
