import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LocalEndpoints } from './local-aws';
import type { LocalLogger } from './log';
import { signallingOrigins } from './queue-signal';

/** One queue a function consumes, as the worker thread needs it (plain data: it crosses threads). */
export interface ConsumerSpec {
  readonly queue: string;
  readonly fn: string;
  /** Handler module, relative to the repository root. */
  readonly module: string;
  readonly url: string;
  readonly arn: string;
  readonly concurrency?: number;
  readonly batchSize?: number;
  readonly timeoutMs?: number;
}

export interface FunctionWorkerData {
  readonly consumers: readonly ConsumerSpec[];
  readonly endpoints: LocalEndpoints;
  readonly idleMs?: number;
  readonly signallingOrigins: readonly string[];
}

export type ToWorker = { readonly kind: 'stop' };
export type FromWorker =
  | { readonly kind: 'started' }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'log'; readonly part: string; readonly message: string; readonly error?: string };

/**
 * Runs the function pollers and their handlers in a worker thread: the emulators, the SMTP intake and
 * the gateway keep the main thread's event loop, the functions get their own, so the local stack uses a
 * second core as Lambda would use other machines. Handlers are imported in the worker (tsx's loader
 * carries over), with the main thread's process environment. Resolves once the pollers run.
 */
export async function startPollersInWorker(opts: {
  readonly consumers: readonly ConsumerSpec[];
  readonly endpoints: LocalEndpoints;
  readonly idleMs?: number;
  readonly log: LocalLogger;
}): Promise<{ stop(): Promise<void> }> {
  const data: FunctionWorkerData = {
    consumers: opts.consumers,
    endpoints: opts.endpoints,
    ...(opts.idleMs !== undefined ? { idleMs: opts.idleMs } : {}),
    signallingOrigins: signallingOrigins(),
  };
  const worker = new Worker(resolve(__dirname, 'function-worker.ts'), { workerData: data });
  let stopped: () => void = () => undefined;
  const onStopped = new Promise<void>((r) => (stopped = r));
  worker.on('message', (m: FromWorker) => {
    if (m.kind === 'log') {
      const log = opts.log.child(m.part);
      if (m.error === undefined) log.info(m.message);
      else log.error(m.message, m.error === '' ? undefined : m.error);
    } else if (m.kind === 'stopped') stopped();
  });
  worker.on('error', (err) => opts.log.error('the function pollers thread failed', err));
  const exited = new Promise<void>((r) => worker.once('exit', () => r()));
  await new Promise<void>((resolveStarted, reject) => {
    const onMessage = (m: FromWorker): void => {
      if (m.kind !== 'started') return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolveStarted();
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      const message: ToWorker = { kind: 'stop' };
      worker.postMessage(message);
      // Pollers finish their batches in flight; a stuck handler must not hold the stop forever.
      await Promise.race([onStopped, exited, new Promise((r) => setTimeout(r, 30_000).unref())]);
      await worker.terminate();
    },
  };
}
