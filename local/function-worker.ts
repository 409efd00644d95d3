import { parentPort, workerData } from 'node:worker_threads';
import { lazyHandler } from './handler-loader';
import { installInvokeStore } from './invoke-store';
import { LOCAL_REGION, localClients } from './local-aws';
import type { LocalLogger } from './log';
import { installMiddyResolver } from './middy-resolver';
import { startPoller, type Poller } from './pollers';
import { registerSignallingEmulator } from './queue-signal';
import type { FunctionWorkerData, FromWorker, ToWorker } from './function-pollers';

/**
 * The function pollers' thread (see function-pollers.ts): polls the queues and runs the handlers, while
 * the emulators, the SMTP intake and the gateway keep the main thread. Log lines go to the main thread's
 * logger; the process environment (the handlers' configuration) is the main thread's copy.
 */
installMiddyResolver();
const data = workerData as FunctionWorkerData;
const port = parentPort!;
const post = (m: FromWorker): void => port.postMessage(m);

function forwardingLogger(part: string): LocalLogger {
  return {
    info: (message) => post({ kind: 'log', part, message }),
    error: (message, err) =>
      post({
        kind: 'log',
        part,
        message,
        error: err === undefined ? '' : err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      }),
    child: (sub) => forwardingLogger(sub),
  };
}

async function main(): Promise<void> {
  // Before the pollers' first SQS request: the handlers' invocations interleave in this thread.
  await installInvokeStore();
  // Sends reach this thread from the main thread's emulator (queue-signal.ts): the pollers know it.
  for (const origin of data.signallingOrigins) registerSignallingEmulator(origin);
  const clients = localClients(data.endpoints);
  const pollers: Poller[] = data.consumers.map((c) =>
    startPoller({
      sqs: clients.sqs,
      queueUrl: c.url,
      queueArn: c.arn,
      region: LOCAL_REGION,
      functionName: c.fn,
      handler: lazyHandler(c.module),
      log: forwardingLogger(`sqs:${c.queue}`),
      ...(c.concurrency !== undefined ? { concurrency: c.concurrency } : {}),
      ...(c.batchSize !== undefined ? { batchSize: c.batchSize } : {}),
      ...(c.timeoutMs !== undefined ? { timeoutMs: c.timeoutMs } : {}),
      ...(data.idleMs !== undefined ? { idleMs: data.idleMs } : {}),
    }),
  );
  port.on('message', (m: ToWorker) => {
    if (m.kind !== 'stop') return;
    void Promise.allSettled(pollers.map((p) => p.stop())).then(() => {
      clients.destroy();
      post({ kind: 'stopped' });
    });
  });
  post({ kind: 'started' });
}

// A failure to start rejects here and ends the thread with an 'error' event, which the main thread reports.
void main();
