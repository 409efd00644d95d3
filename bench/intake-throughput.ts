import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { TestEnv } from '../test/support/local-env';
import type { CorpusMessage } from './corpus';
import { progress } from './stats';

type IntakeHandler = (e: SQSEvent, c: Context) => Promise<SQSBatchResponse>;

export interface IntakeRun {
  readonly messages: number;
  readonly batches: number;
  readonly concurrency: number;
  readonly ms: number;
  readonly msgPerSec: number;
  readonly failedRecords: number;
}

export interface IntakeThroughputResult {
  readonly sequential: IntakeRun;
  readonly concurrent: IntakeRun;
  readonly uploadMs: number;
}

/** The SQS record S3 puts on the inbound queue for a stored object (shape as in test/e2e/corpus-intake.test.ts). */
function s3Record(bucket: string, key: string, size: number, i: number): SQSRecord {
  const body = JSON.stringify({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        s3: { s3SchemaVersion: '1.0', bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` }, object: { key, size } },
      },
    ],
  });
  return {
    messageId: `m-${i}`,
    receiptHandle: `r-${i}`,
    body,
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:inbound',
    awsRegion: 'us-east-1',
    messageAttributes: {},
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'x',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
  };
}

/**
 * A second, independent copy of a message: its Message-ID gets a prefix so the concurrent run does real
 * first-delivery work instead of taking the cheaper duplicate path.
 */
function freshCopy(raw: Buffer, tag: string): Buffer {
  const s = raw.toString('latin1');
  const replaced = s.replace(/^(Message-ID:\s*<)/im, `$1${tag}.`);
  return Buffer.from(replaced, 'latin1');
}

async function upload(t: TestEnv, corpus: readonly CorpusMessage[], round: string): Promise<SQSRecord[]> {
  const records: SQSRecord[] = [];
  for (const [i, m] of corpus.entries()) {
    const raw = round === 'a' ? m.raw : freshCopy(m.raw, `bench-${round}`);
    const id = createHash('sha256').update(`${round}/${m.name}`).digest('hex').slice(0, 20);
    const key = `inbound/${id}`;
    await t.clients.s3.send(new PutObjectCommand({ Bucket: t.resources.bucket, Key: key, Body: raw }));
    records.push(s3Record(t.resources.bucket, key, raw.length, i));
  }
  return records;
}

async function run(handler: IntakeHandler, records: readonly SQSRecord[], concurrency: number): Promise<IntakeRun> {
  const ctx = {
    functionName: 'intake',
    awsRequestId: 'bench',
    getRemainingTimeInMillis: () => 60_000,
  } as unknown as Context;
  const batches: SQSRecord[][] = [];
  for (let i = 0; i < records.length; i += 10) batches.push(records.slice(i, i + 10));
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const batch = batches[next++];
        if (!batch) return;
        const res = await handler({ Records: batch }, ctx);
        failed += res.batchItemFailures.length;
      }
    }),
  );
  const ms = performance.now() - t0;
  return {
    messages: records.length,
    batches: batches.length,
    concurrency,
    ms,
    msgPerSec: (records.length / ms) * 1000,
    failedRecords: failed,
  };
}

/**
 * The real intake handler against the emulators: corpus uploaded to S3 first (not timed), then invoked
 * with batches of 10 S3-notification records: an untimed warm-up round, one batch at a time, and then 4
 * at once on a fresh copy.
 */
export async function measureIntakeThroughput(
  t: TestEnv,
  corpus: readonly CorpusMessage[],
): Promise<IntakeThroughputResult> {
  const { handler } = (await import('../lambdas/handlers/intake')) as unknown as { handler: IntakeHandler };
  const u0 = performance.now();
  progress(`intake: uploading ${corpus.length} messages twice to the S3 emulator`);
  const a = await upload(t, corpus, 'a');
  const b = await upload(t, corpus, 'b');
  const uploadMs = performance.now() - u0;
  // Warm up on a third copy of the whole corpus, untimed, as section 1 does with its warm-up round: the
  // handler's container, SDK clients and V8's JIT, and DynamoDB Local's JIT, which halves its CPU per
  // request over the first few thousand requests.
  progress('intake: warm-up round on a third copy');
  const warm = await upload(t, corpus, 'w');
  await run(handler, warm, 4);
  progress('intake: sequential batches');
  const sequential = await run(handler, a, 1);
  progress(`intake sequential: ${sequential.msgPerSec.toFixed(1)} msg/s; now 4 batches at once`);
  const concurrent = await run(handler, b, 4);
  progress(`intake 4 concurrent: ${concurrent.msgPerSec.toFixed(1)} msg/s`);
  return { sequential, concurrent, uploadMs };
}
