import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Wakes the pollers of this process when the SQS emulator of this process takes a message, so a message
 * is picked up at once instead of after the poller's idle pause (local-aws-sqs answers a long poll only
 * when the batch is full or the wait is over, unlike SQS, which answers as soon as anything is there).
 * Keyed by queue name (the last segment of the queue URL). A delayed message signals when its delay is
 * over. Emulators in another process (the Jest globalSetup) send no signal: their pollers keep the idle
 * pause; here it stays the fallback, only longer, for redeliveries after a visibility timeout.
 */
const waiters = new Map<string, Set<() => void>>();
const sends = new Map<string, number>();
/** Origins (`http://host:port`) of the signalling SQS emulators running in this process. */
const origins = new Set<string>();

/** Registers a signalling emulator's origin; the returned function unregisters it (when it stops). */
export function registerSignallingEmulator(origin: string): () => void {
  origins.add(origin);
  return () => void origins.delete(origin);
}

/** Whether a send to this queue wakes its pollers (its emulator runs in this process). */
export function isSignalled(queueUrl: string): boolean {
  return [...origins].some((o) => queueUrl.startsWith(`${o}/`));
}

/** Actions that make a message visible at once (unless delayed). */
const SEND_ACTIONS = new Set(['AmazonSQS.SendMessage', 'AmazonSQS.SendMessageBatch']);

interface SendBody {
  readonly QueueUrl?: unknown;
  readonly DelaySeconds?: unknown;
  readonly Entries?: unknown;
}

/** Seconds until a sent message is visible (0: at once). */
const delayOf = (m: unknown): number => Number((m as SendBody | null)?.DelaySeconds ?? 0) || 0;

/** Margin after a delay, so the emulator (which started its own delay timer first) has made it visible. */
const DELAY_MARGIN_MS = 20;

/** The queue name of a queue URL (`http://host:port/<account>/<name>`). */
export function queueNameOf(queueUrl: string): string {
  return queueUrl.slice(queueUrl.lastIndexOf('/') + 1);
}

/** Messages made visible on `queueName` so far in this process (a poller notes it before each receive). */
export function queueSends(queueName: string): number {
  return sends.get(queueName) ?? 0;
}

/** Counts `messages` new visible messages on `queueName` and wakes whatever waits on it. */
export function signalQueue(queueName: string, messages = 1): void {
  sends.set(queueName, queueSends(queueName) + messages);
  const set = waiters.get(queueName);
  if (!set) return;
  waiters.delete(queueName);
  for (const wake of set) wake();
}

/**
 * Resolves after `ms`, when a message is sent to `queueName` in this process, or when `signal` aborts,
 * whichever comes first; at once when a send came after `seen` (a {@link queueSends} reading taken
 * before the receive that found the queue empty: a message sent during that receive is not missed).
 */
export function waitForQueue(queueName: string, ms: number, signal: AbortSignal, seen: number): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || queueSends(queueName) !== seen) return resolve();
    let set = waiters.get(queueName);
    if (!set) waiters.set(queueName, (set = new Set()));
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      waiters.get(queueName)?.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    set.add(done);
  });
}

/**
 * Wraps the SQS emulator's request handler: once a send (JSON protocol, as SDK v3 speaks it) is answered
 * with success, the pollers of its queue are woken. The request body is read alongside the emulator,
 * which reads the same stream.
 */
export function signallingSqsHandler(
  inner: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string' && SEND_ACTIONS.has(target)) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      res.once('finish', () => {
        if (res.statusCode !== 200) return;
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SendBody;
          if (typeof body.QueueUrl !== 'string') return;
          const name = queueNameOf(body.QueueUrl);
          const delays = Array.isArray(body.Entries) ? (body.Entries as unknown[]).map(delayOf) : [delayOf(body)];
          const now = delays.filter((d) => d === 0).length;
          if (now > 0) signalQueue(name, now);
          for (const d of delays.filter((x) => x > 0))
            setTimeout(() => signalQueue(name), d * 1000 + DELAY_MARGIN_MS).unref();
        } catch {
          // not our business: the emulator has answered it already
        }
      });
    }
    inner(req, res);
  };
}
