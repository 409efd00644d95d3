import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { CORPUS_DIR, corpusManifest, listEml } from '../support/corpus';
import { createTestEnv, type TestEnv } from '../support/local-env';

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
 * Every file goes through the parser and the classifier in test/corpus; through the handler and the emulators
 * a fixed sample (every fourth file in path order, so every source and kind of message is in it) keeps
 * `npm test` within its time on two cores. `CORPUS_SAMPLE_EVERY=1` runs them all.
 */
const SAMPLE_EVERY = Number(process.env.CORPUS_SAMPLE_EVERY ?? 4);

let t: TestEnv;
let handler: (e: SQSEvent, c: Context) => Promise<SQSBatchResponse>;
beforeAll(async () => {
  t = await createTestEnv();
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  ({ handler } = (await import('../../lambdas/handlers/intake')) as unknown as { handler: typeof handler });
});
afterAll(() => t.dispose());

describe('every corpus message through the real intake handler against the local parts', () => {
  it('ends each one as a case, a threaded message or a quarantined record, and loses none', async () => {
    const all = listEml();
    expect(all).toHaveLength(corpusManifest().length);
    const files = all.filter((_, i) => i % SAMPLE_EVERY === 0);
    const ids: string[] = [];
    const records: SQSRecord[] = [];
    for (const [i, file] of files.entries()) {
      const raw = readFileSync(file);
      // SES message ids are opaque; a digest of the path keeps re-runs deterministic.
      const id = createHash('sha256').update(relative(CORPUS_DIR, file)).digest('hex').slice(0, 20);
      const key = `inbound/${id}`;
      await t.clients.s3.send(new PutObjectCommand({ Bucket: t.resources.bucket, Key: key, Body: raw }));
      ids.push(id);
      records.push(s3Record(t.resources.bucket, key, raw.length, i));
    }
    const ctx = {
      functionName: 'intake',
      awsRequestId: 'test',
      getRemainingTimeInMillis: () => 60_000,
    } as unknown as Context;
    for (let i = 0; i < records.length; i += 10) {
      const res = await handler({ Records: records.slice(i, i + 10) }, ctx);
      expect(res.batchItemFailures).toEqual([]);
    }
    const repo = new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
    const outcomes = { opened: 0, threaded: 0, redelivered: 0, quarantined: 0 };
    const reasons: Record<string, number> = {};
    for (const id of ids) {
      const seen = await repo.findIdempotencyKey(`SES#${id}`);
      const q = await repo.getQuarantine(id);
      expect(Boolean(seen) !== Boolean(q)).toBe(true); // exactly one outcome
      if (q) {
        outcomes.quarantined++;
        reasons[q.reason] = (reasons[q.reason] ?? 0) + 1;
        continue;
      }
      const messages = await repo.listMessages(seen!.tracking);
      if (messages.some((m) => m.id === id && m.rawKey === `inbound/${id}`)) {
        if (messages[0]?.id === id) outcomes.opened++;
        else outcomes.threaded++;
        continue;
      }
      // The same Message-ID from the same sender again: recorded on its case, raw key kept.
      const events = await repo.listEvents(seen!.tracking);
      expect(events.some((e) => e.type === 'duplicate_delivery' && e.data.rawKey === `inbound/${id}`)).toBe(true);
      outcomes.redelivered++;
    }
    console.log(
      `corpus: ${files.length} messages -> ${JSON.stringify(outcomes)}; quarantine reasons ${JSON.stringify(reasons)}`,
    );
    expect(outcomes.opened + outcomes.threaded + outcomes.redelivered + outcomes.quarantined).toBe(files.length);
    expect(outcomes.opened).toBeGreaterThan(files.length / 2);
  }, 300_000);
});
