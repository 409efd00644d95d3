import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import type { AuditEvent } from '../../lambdas/core/audit-chain';
import type { OutboundPurpose } from '../../lambdas/core/outbound-request';
import type { CaseRepository } from '../../lambdas/core/ports';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';
import { startSesEmulator } from '../../local/emulators';
import { apiClient, type Reply } from '../api/client';
import type { SesQuotaOptions } from '../../local/ses-quota';
import { eventually } from './eventually';
import type { TestEnv } from './local-env';
import { queueTotal } from './queues';
import type { StoredMail } from './ses-inbox';

/** Notice mails say this; acknowledgements never do. */
export const NOTICE_MARK = 'to let you know about an event';

/**
 * An SES emulator of this test file's own with SES's limits, which the handlers' SES client is pointed
 * at (AWS_ENDPOINT_URL_SES, read when the client is created: call before the first send).
 */
export async function quotaSes(quota: SesQuotaOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const ses = await startSesEmulator(0, quota);
  const url = `http://127.0.0.1:${(ses.server.address() as AddressInfo).port}`;
  process.env.AWS_ENDPOINT_URL_SES = url;
  return { url, stop: ses.stop };
}

export async function storedMails(sesUrl: string): Promise<StoredMail[]> {
  const res = await fetch(`${sesUrl}/store`);
  return ((await res.json()) as { emails: StoredMail[] }).emails;
}

/** Sends `senders.length` mails at once over a pool of SMTP connections; returns when all were accepted. */
export async function sendSurge(smtpPort: number, senders: readonly string[], subject: (i: number) => string) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 5,
    maxMessages: Infinity,
  });
  try {
    for (let i = 0; i < senders.length; i += 50)
      await Promise.all(
        senders.slice(i, i + 50).map((from, j) =>
          transport.sendMail({
            from,
            to: 'support@exchange.example',
            subject: subject(i + j),
            text: 'The exchange shows my withdrawal as pending since the crash.',
          }),
        ),
      );
  } finally {
    transport.close();
  }
}

export const trackingOf = (m: StoredMail): string => /\[([0-9A-Z-]{14})\]/.exec(m.subject)![1]!;

/** The largest distance between a mail's place in `actual` and in `expected` (same items, other order). */
export function maxDisplacement(expected: readonly string[], actual: readonly string[]): number {
  const at = new Map(actual.map((x, i) => [x, i]));
  return Math.max(0, ...expected.map((x, i) => Math.abs((at.get(x) ?? Infinity) - i)));
}

/** Whether a mail went to one of the surge's senders (their addresses carry `-<tag>@`). */
export const isSurgeMail =
  (tag: string) =>
  (m: StoredMail): boolean =>
    m.destination.to.some((to) => to.includes(`-${tag}@`));

/** The surge's acknowledgements among the mails the SES emulator holds (notices left out). */
export const surgeAcknowledgements = (all: readonly StoredMail[], tag: string): StoredMail[] =>
  all.filter((m) => isSurgeMail(tag)(m) && !m.body.text?.includes(NOTICE_MARK));

/** The surge's broadcast notices among the mails the SES emulator holds. */
export const surgeNotices = (all: readonly StoredMail[], tag: string): StoredMail[] =>
  all.filter((m) => isSurgeMail(tag)(m) && m.body.text?.includes(NOTICE_MARK) === true);

/** A supervisor declares an incident through the API and broadcasts it to every open case (201 when taken). */
export function declareBroadcast(apiUrl: string, jwtSecret: string): Promise<Reply> {
  return apiClient(apiUrl, jwtSecret)('POST', '/notices', {
    role: 'supervisor',
    body: {
      kind: 'incident',
      message: 'Withdrawals are delayed by network congestion.',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      extraDelayMinutes: 60,
      broadcast: true,
    },
  });
}

/**
 * The `mail_sent` event of a case's mail of `purpose` (recorded just after SES accepted it; its data
 * carries what the mail stated and how often it was deferred), or undefined while there is none.
 */
export async function sentEvent(
  repo: Pick<CaseRepository, 'listEvents'>,
  tracking: string,
  purpose: OutboundPurpose,
): Promise<AuditEvent | undefined> {
  const events = await repo.listEvents(tracking as TrackingNumber);
  return events.find((e) => e.type === 'mail_sent' && e.data.purpose === purpose);
}

/**
 * Sends `n` mails at once from fresh senders tagged `tag` into the SMTP intake and waits until intake took
 * every one in and queued its acknowledgement: start the mailer after this, and it meets the whole surge at
 * once. (A redelivered intake message may queue an acknowledgement twice; the mailer sends it once.)
 */
export async function takeInSurge(
  t: TestEnv,
  smtpPort: number,
  n: number,
  tag: string,
  timeoutMs = 240_000,
): Promise<string[]> {
  const senders = Array.from({ length: n }, (_, i) => `surge${i}-${tag}@customer.example`);
  await sendSurge(smtpPort, senders, (i) => `Cannot withdraw (${i})`);
  await eventually(
    async () => {
      const inbound = await queueTotal(t, t.resources.queues.inbound.url);
      const outbound = await queueTotal(t, t.resources.queues.outbound.url);
      if (inbound > 0 || outbound < n) throw new Error(`inbound queue ${inbound}, outbound queue ${outbound} of ${n}`);
    },
    { timeoutMs, intervalMs: 250, description: `${n} mails taken in and acknowledgements queued` },
  );
  return senders;
}
