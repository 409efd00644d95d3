import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { StackProcess } from './stack-process';
import { progress, quantile, sleep } from './stats';

export interface PhaseSpec {
  readonly name: string;
  readonly ratePerSec: number;
  readonly seconds: number;
}

export interface PhaseResult extends PhaseSpec {
  readonly sent: number;
  readonly accepted: number;
  readonly acknowledged: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Time from the first send of the phase to the last acknowledgement of the phase. */
  readonly drainMs: number;
  readonly smtpErrors: number;
}

export interface SmtpLatencyResult {
  readonly phases: PhaseResult[];
  /** From the end of the burst's sending to its last acknowledgement (the backlog drain). */
  readonly burstBacklogDrainMs: number;
  readonly pollIntervalMs: number;
}

interface Sent {
  readonly phase: string;
  readonly from: string;
  sentAt: number;
  acceptedAt?: number;
  ackAt?: number;
  error?: string;
}

interface StoredMail {
  readonly destination: { readonly to: readonly string[] };
}

const POLL_MS = 100;

/**
 * Mail over SMTP into the local stack (SMTP intake -> S3 -> inbound queue -> intake -> outbound queue ->
 * mailer -> SES emulator) at a steady rate and then a burst; each mail has its own sender, and its latency
 * runs from the moment the mail is handed to the SMTP client (its transaction starts then, or it waits for
 * a free pooled connection, which counts too) to its acknowledgement showing up in the SES emulator's store.
 */
export async function measureSmtpLatency(
  stack: StackProcess,
  phases: readonly PhaseSpec[],
  drainTimeoutMs = 90_000,
): Promise<SmtpLatencyResult> {
  const t = stack.env;
  const tag = randomBytes(3).toString('hex');
  const sent: Sent[] = [];
  const byAddress = new Map<string, Sent>();
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: stack.smtpPort,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 10,
    maxMessages: Infinity,
  });
  let polling = true;
  // Only mails stored since the last poll (the emulator's `since`, in epoch seconds): fetching the whole
  // growing store every 100 ms would cost the pipeline under test a good share of the CPU.
  let since = Math.floor(Date.now() / 1000) - 1;
  const poller = (async () => {
    while (polling) {
      try {
        const polledAt = Math.floor(Date.now() / 1000) - 1;
        const res = await fetch(`${t.endpoints.ses}/store?since=${since}`);
        const { emails } = (await res.json()) as { emails: StoredMail[] };
        const now = Date.now();
        for (const m of emails)
          for (const to of m.destination.to) {
            const s = byAddress.get(to.toLowerCase());
            if (s && s.ackAt === undefined) s.ackAt = now;
          }
        since = polledAt;
      } catch {
        /* keep polling */
      }
      await sleep(POLL_MS);
    }
  })();
  const inFlight: Array<Promise<void>> = [];
  const phaseEnds = new Map<string, number>();
  try {
    let n = 0;
    for (const phase of phases) {
      const count = Math.round(phase.ratePerSec * phase.seconds);
      progress(`smtp: phase ${phase.name}: ${count} mails at ${phase.ratePerSec}/s`);
      const start = Date.now();
      for (let i = 0; i < count; i++) {
        const due = start + (i * 1000) / phase.ratePerSec;
        const wait = due - Date.now();
        if (wait > 0) await sleep(wait);
        const from = `bench${n++}-${tag}@customer.example`;
        const s: Sent = { phase: phase.name, from, sentAt: Date.now() };
        sent.push(s);
        byAddress.set(from, s);
        inFlight.push(
          transport
            .sendMail({
              from,
              to: 'support@exchange.example',
              subject: `Withdrawal pending (${n})`,
              text: 'My withdrawal has been pending for two hours. Please check.',
            })
            .then(
              () => {
                s.acceptedAt = Date.now();
              },
              (err: Error) => {
                s.error = err.message;
              },
            ),
        );
      }
      phaseEnds.set(phase.name, Date.now());
    }
    await Promise.all(inFlight);
    const until = Date.now() + drainTimeoutMs;
    let last = -1;
    let lastChange = Date.now();
    while (Date.now() < until) {
      const pending = sent.filter((s) => s.acceptedAt !== undefined && s.ackAt === undefined).length;
      if (pending === 0) break;
      if (pending !== last) {
        progress(`smtp: waiting for ${pending} acknowledgements`);
        last = pending;
        lastChange = Date.now();
      }
      // No acknowledgement for 30 s: the pipeline is stuck (a handler failing), not slow.
      if (Date.now() - lastChange > 30_000) {
        progress('smtp: no progress for 30 s, giving up');
        break;
      }
      await sleep(1000);
    }
  } finally {
    polling = false;
    await poller;
    transport.close();
  }
  const results = phases.map((phase): PhaseResult => {
    const mine = sent.filter((s) => s.phase === phase.name);
    const lat = mine.filter((s) => s.acceptedAt !== undefined && s.ackAt !== undefined).map((s) => s.ackAt! - s.sentAt);
    const first = Math.min(...mine.map((s) => s.sentAt));
    const lastAck = Math.max(...mine.map((s) => s.ackAt ?? Number.NaN).filter((x) => !Number.isNaN(x)));
    return {
      ...phase,
      sent: mine.length,
      accepted: mine.filter((s) => s.acceptedAt !== undefined).length,
      acknowledged: lat.length,
      p50Ms: quantile(lat, 0.5),
      p95Ms: quantile(lat, 0.95),
      p99Ms: quantile(lat, 0.99),
      maxMs: Math.max(...lat),
      drainMs: lastAck - first,
      smtpErrors: mine.filter((s) => s.error).length,
    };
  });
  const burst = phases.at(-1)!;
  const burstAcks = sent.filter((s) => s.phase === burst.name && s.ackAt !== undefined).map((s) => s.ackAt!);
  return {
    phases: results,
    burstBacklogDrainMs: Math.max(...burstAcks) - (phaseEnds.get(burst.name) ?? Number.NaN),
    pollIntervalMs: POLL_MS,
  };
}
