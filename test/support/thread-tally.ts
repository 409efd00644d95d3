import nodemailer from 'nodemailer';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';
import { eventually } from './eventually';
import type { TestEnv } from './local-env';
import { queueTotal } from './queues';
import type { StoredMail } from './ses-inbox';
import type { SupportMail } from './support-mail';

/**
 * Sends `mails` in order over `connections` parallel SMTP connections (each worker keeps one connection
 * open and takes the next unsent mail), as a busy relay would. Resolves with the time it took.
 */
export async function sendOverSmtp(port: number, mails: readonly SupportMail[], connections: number): Promise<number> {
  const started = Date.now();
  // Mails the intake answered 4xx for (it could not store them this time) go to the back of the line, as a
  // relay's queue would: each is retried after every other mail had its turn, not after a fixed pause.
  const pending = mails.map((mail) => ({ mail, attempts: 0 }));
  const worker = async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 1,
      maxMessages: Infinity,
    });
    try {
      for (let item = pending.shift(); item; item = pending.shift()) {
        item.attempts++;
        try {
          await transport.sendMail({
            envelope: { from: item.mail.from, to: ['support@exchange.example'] },
            raw: item.mail.raw,
          });
        } catch (err) {
          const code = (err as { responseCode?: number }).responseCode ?? 0;
          if (code < 400 || code >= 500 || item.attempts >= 5) throw err;
          pending.push(item);
        }
      }
    } finally {
      transport.close();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return Date.now() - started;
}

export interface ThreadTally {
  readonly mails: number;
  readonly threads: number;
  readonly followUps: number;
  /** Mails intake recorded (their Message-ID links to a case). */
  readonly recorded: number;
  /** Distinct cases the mails landed in. */
  readonly cases: number;
  /** Threads whose mails all landed in one case, and no other thread's mail with them. */
  readonly threadsInOneCase: number;
  /** Acknowledgements in the SES emulator to this run's senders. */
  readonly acks: number;
  /** Cases with exactly one acknowledgement. */
  readonly casesWithOneAck: number;
  /** Threads whose case was opened by a follow-up (the original arrived later and joined it). */
  readonly openedByFollowUp: number;
}

const TRACKING = /\[([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\]/;

/** Where each generated mail landed: what intake linked each Message-ID to. */
export async function recordedCases(t: TestEnv, mails: readonly SupportMail[]): Promise<Map<string, TrackingNumber>> {
  const repo = new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
  const out = new Map<string, TrackingNumber>();
  for (let i = 0; i < mails.length; i += 50) {
    const slice = mails.slice(i, i + 50);
    const found = await Promise.all(slice.map((m) => repo.findCaseByMessageId(m.messageId)));
    slice.forEach((m, k) => found[k] && out.set(m.messageId, found[k]));
  }
  return out;
}

/**
 * Waits until every mail is linked to a case and the inbound and outbound queues are empty (nothing
 * visible, in flight or delayed): intake recorded them all and the mailer sent what they asked for.
 */
export async function waitUntilRecordedAndSent(
  t: TestEnv,
  mails: readonly SupportMail[],
  opts: { readonly timeoutMs: number; readonly intervalMs: number },
): Promise<void> {
  await eventually(
    async () => {
      const recorded = (await recordedCases(t, mails)).size;
      if (recorded < mails.length) throw new Error(`${recorded} of ${mails.length} mails recorded`);
      const left = await Promise.all(
        (['inbound', 'outbound'] as const).map((q) => queueTotal(t, t.resources.queues[q].url)),
      );
      if (left.some((n) => n > 0)) throw new Error(`queues not drained: ${left.join(', ')}`);
    },
    { ...opts, description: 'every mail recorded and the queues drained' },
  );
}

/** Counts cases per thread (table) and acknowledgements per case (SES emulator `GET /store`). */
export async function tallyThreads(t: TestEnv, mails: readonly SupportMail[]): Promise<ThreadTally> {
  const landed = await recordedCases(t, mails);
  const byThread = new Map<string, Set<TrackingNumber>>();
  const byCase = new Map<TrackingNumber, Set<string>>();
  for (const m of mails) {
    const tracking = landed.get(m.messageId);
    if (!tracking) continue;
    byThread.set(m.thread, (byThread.get(m.thread) ?? new Set()).add(tracking));
    byCase.set(tracking, (byCase.get(tracking) ?? new Set()).add(m.thread));
  }
  const threadsInOneCase = [...byThread.values()].filter(
    (cases) => cases.size === 1 && byCase.get([...cases][0]!)!.size === 1,
  ).length;

  const senders = new Set(mails.map((m) => m.from.toLowerCase()));
  const { emails } = (await (await fetch(`${t.endpoints.ses}/store`)).json()) as { emails: StoredMail[] };
  const acksPerCase = new Map<string, number>();
  let acks = 0;
  for (const e of emails) {
    if (!e.destination.to.some((to) => senders.has(to.toLowerCase().replace(/^.*<|>.*$/g, '')))) continue;
    const tracking = TRACKING.exec(e.subject)?.[1];
    acks++;
    if (tracking) acksPerCase.set(tracking, (acksPerCase.get(tracking) ?? 0) + 1);
  }

  const repo = new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
  const roots = new Set(mails.filter((m) => !m.followUp).map((m) => m.messageId));
  let openedByFollowUp = 0;
  for (const tracking of byCase.keys()) {
    const first = (await repo.listMessages(tracking)).find((msg) => msg.direction === 'in');
    if (first?.messageId && !roots.has(first.messageId)) openedByFollowUp++;
  }
  return {
    mails: mails.length,
    threads: roots.size,
    followUps: mails.length - roots.size,
    recorded: landed.size,
    cases: byCase.size,
    threadsInOneCase,
    acks,
    casesWithOneAck: [...byCase.keys()].filter((c) => acksPerCase.get(c) === 1).length,
    openedByFollowUp,
  };
}
