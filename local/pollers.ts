import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { AsyncHandler } from './handler-loader';
import { lambdaContext } from './lambda-context';
import type { LocalLogger } from './log';
import { isSignalled, queueNameOf, queueSends, waitForQueue } from './queue-signal';
import { toSqsEvent } from './sqs-event';

/** Lambda's default SQS batch size. */
export const BATCH_SIZE = 10;

/** Pause between receives while the queue is empty and its emulator is in another process. */
const DEFAULT_IDLE_MS = 200;
/** The same pause when sends to the queue wake the poller (queue-signal.ts). */
const SIGNALLED_IDLE_MS = 1000;

export interface PollerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly region: string;
  readonly functionName: string;
  readonly handler: AsyncHandler<SQSEvent, SQSBatchResponse | void>;
  readonly log: LocalLogger;
  /** Batches in flight at once (Lambda's maximum concurrency for the event source). */
  readonly concurrency?: number;
  readonly batchSize?: number;
  /** The function's timeout: what the handler's context counts down from. @default 60 s */
  readonly timeoutMs?: number;
  /** Pause between receives while the queue is empty. */
  readonly idleMs?: number;
}

export interface Poller {
  stop(): Promise<void>;
}

/**
 * Which records to delete after an invocation. As with Lambda's `ReportBatchItemFailures`: a thrown error
 * fails the whole batch, listed ids stay on the queue, and a response naming an id that is not in the
 * batch (or has no id) counts as a failure of the whole batch.
 */
export function succeededRecords(
  messages: readonly Message[],
  outcome: { error: unknown } | { response: SQSBatchResponse | void },
): Message[] {
  if ('error' in outcome) return [];
  const failures = outcome.response?.batchItemFailures ?? [];
  const ids = new Set(messages.map((m) => m.MessageId));
  if (failures.some((f) => !f.itemIdentifier || !ids.has(f.itemIdentifier))) return [];
  const failed = new Set<string | undefined>(failures.map((f) => f.itemIdentifier));
  return messages.filter((m) => !failed.has(m.MessageId));
}

/**
 * Polls a queue and invokes `handler` with real `SQSEvent` batches. Failed records are not deleted:
 * they reappear after the queue's visibility timeout, and the queue's redrive policy parks them in the
 * dead-letter queue at maxReceiveCount (local-aws-sqs applies it on receive, as SQS does).
 */
export function startPoller(opts: PollerOptions): Poller {
  const abort = new AbortController();
  const concurrency = opts.concurrency ?? 10;
  const log = opts.log;

  const invoke = async (messages: Message[]): Promise<void> => {
    const event = toSqsEvent(messages, opts.queueArn, opts.region);
    let outcome: { error: unknown } | { response: SQSBatchResponse | void };
    try {
      outcome = { response: await opts.handler(event, lambdaContext(opts.functionName, opts.timeoutMs)) };
    } catch (error) {
      outcome = { error };
      log.error(`${opts.functionName} failed a batch of ${messages.length}; all will be retried`, error);
    }
    const done = succeededRecords(messages, outcome);
    if (done.length > 0) {
      await opts.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: opts.queueUrl,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
    const failed = messages.length - done.length;
    log.info(
      `${opts.functionName}: batch of ${messages.length}, ${done.length} done${failed ? `, ${failed} left for retry` : ''}`,
    );
  };

  const inFlight = new Set<Promise<void>>();
  const sleep = (ms: number): Promise<void> =>
    new Promise((r) => {
      const t = setTimeout(r, ms);
      abort.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          r();
        },
        { once: true },
      );
    });

  // One receive loop per queue feeding up to `concurrency` invocations. local-aws-sqs answers a long
  // poll only when the batch is full or the wait is over (real SQS returns as soon as anything is there),
  // so it polls without waiting and, when the queue is empty, idles until a send to the queue in this
  // process wakes it (queue-signal.ts) or the idle pause is over (delayed messages, redeliveries).
  // It always asks for a whole batch: asking for only as many as were signalled left a backlog that was
  // visible before the poller started (or came back from a delay) to be taken one message at a time.
  const queueName = queueNameOf(opts.queueUrl);
  // Woken by sends (and by delays running out), it needs the idle pause only for redeliveries after a
  // visibility timeout: a longer one spares the CPU an empty receive every few tens of milliseconds.
  const idleMs = isSignalled(opts.queueUrl)
    ? Math.max(opts.idleMs ?? DEFAULT_IDLE_MS, SIGNALLED_IDLE_MS)
    : (opts.idleMs ?? DEFAULT_IDLE_MS);
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  const loop = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      if (inFlight.size >= concurrency) {
        await Promise.race(inFlight);
        continue;
      }
      try {
        const seen = queueSends(queueName);
        const out = await opts.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: opts.queueUrl,
            MaxNumberOfMessages: batchSize,
            WaitTimeSeconds: 0,
            MessageSystemAttributeNames: ['All'],
            // local-aws-sqs reads only the older (deprecated) parameter name; real SQS accepts both.
            AttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        if (!out.Messages || out.Messages.length === 0) {
          await waitForQueue(queueName, idleMs, abort.signal, seen);
          continue;
        }
        const run: Promise<void> = invoke(out.Messages)
          .catch((err: unknown) =>
            log.error(`deleting processed messages from ${opts.queueUrl} failed; they will be redelivered`, err),
          )
          .finally(() => inFlight.delete(run));
        inFlight.add(run);
      } catch (err) {
        if (abort.signal.aborted) break;
        log.error(`polling ${opts.queueUrl} failed; retrying in 1 s`, err);
        await sleep(1000);
      }
    }
    await Promise.allSettled([...inFlight]);
  };

  const running = loop();
  return {
    stop: async () => {
      abort.abort();
      await running;
    },
  };
}
