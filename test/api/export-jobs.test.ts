import { GetObjectRetentionCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoExportJobStore } from '../../lambdas/adapters/dynamodb/export-job-store';
import { DynamoReportStore } from '../../lambdas/adapters/dynamodb/report-store';
import { FileExportSigner } from '../../lambdas/adapters/signing/file-export-signer';
import { S3BlobStore } from '../../lambdas/adapters/s3-blob-store';
import { S3PartUploads } from '../../lambdas/adapters/s3-part-uploads';
import { startExportJob } from '../../lambdas/app/api/export-jobs';
import { runExportJob } from '../../lambdas/app/records/run-export-job';
import type { CaseStatus } from '../../lambdas/core/case';
import { exportObjectKey } from '../../lambdas/core/export-job';
import type { Queue } from '../../lambdas/core/ports';
import { verifyExportFile } from '../../deploy/verify-export/verify';
import { eventually } from '../support/eventually';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { apiClient } from './client';
import { repoFor, seedCase } from './seed';

let t: TestEnv;
let p: Pipeline;
let call: ReturnType<typeof apiClient>;

const STATUSES: CaseStatus[] = ['new', 'open', 'pending', 'resolved', 'closed'];
/** More cases than one index page (100) of the worker, spread over every status and shard of the index. */
const CASES = 230;
const RANGE = { from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' };

beforeAll(async () => {
  t = await createTestEnv();
  p = await startPipeline(t, { api: 'module', exports: 'module', smtp: false });
  call = apiClient(p.apiUrl, p.jwtSecret);
  for (let i = 0; i < CASES; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, (_, j) =>
        seedCase(t, {
          createdAt: new Date(Date.parse(RANGE.from) + (i + j) * 3_600_000).toISOString(),
          status: STATUSES[(i + j) % STATUSES.length]!,
        }),
      ),
    );
  }
  // Outside the range on both sides: must not be exported.
  await seedCase(t, { createdAt: '2024-12-31T23:59:59.999Z' });
  await seedCase(t, { createdAt: RANGE.to });
}, 120_000);
afterAll(async () => {
  await p?.stop();
  t?.dispose();
});

describe('export jobs on the local parts', () => {
  it('POST /exports runs a job over several index pages through the exports queue; GET /exports/{id} shows it done with a link to a locked file that verifies', async () => {
    expect((await call('POST', '/exports', { role: 'agent', body: RANGE })).status).toBe(403);
    const started = await call('POST', '/exports', { role: 'auditor', body: RANGE });
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/exports/${started.json.id}`);
    expect(started.json).toMatchObject({ status: 'queued', selection: RANGE });

    const done = await eventually(
      async () => {
        const r = await call('GET', `/exports/${started.json.id}`, { role: 'supervisor' });
        expect(r.json.status).toBe('done');
        return r.json;
      },
      { timeoutMs: 90_000, intervalMs: 250, description: 'the export job to finish' },
    );
    expect(done.progress).toMatchObject({ pagesDone: 3, cases: CASES, partsUploaded: 1 });

    const file = await fetch(done.download.url);
    expect(file.status).toBe(200);
    const ndjson = await file.text();
    const key = await call('GET', '/export/public-key', { role: 'auditor' });
    const report = await verifyExportFile(ndjson, { publicKeyPem: key.json.publicKeyPem });
    expect(report).toMatchObject({ ok: true, chain: { signature: 'valid' }, brokenAuditChains: [] });
    const lines = ndjson.trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({
      hash: done.download.lastHash,
      record: { complete: true, counts: { cases: CASES, messages: CASES, events: CASES } },
    });
    const created = lines
      .map((l) => JSON.parse(l))
      .filter((l) => l.kind === 'case')
      .map((l) => l.record.createdAt);
    expect(created).toEqual([...created].sort());
    expect(created.every((c: string) => c >= RANGE.from && c < RANGE.to)).toBe(true);

    const retention = await t.clients.s3.send(
      new GetObjectRetentionCommand({ Bucket: t.resources.bucket, Key: exportObjectKey(started.json.id) }),
    );
    expect(retention.Retention?.Mode).toBe('COMPLIANCE');
    expect(retention.Retention!.RetainUntilDate!.getTime()).toBeGreaterThan(Date.now() + 2556 * 86_400_000);
  }, 120_000);

  it('writes a job in many parts over several invocations with the real adapters, and the joined file verifies', async () => {
    const doc = DynamoDBDocumentClient.from(t.clients.dynamo, { marshallOptions: { removeUndefinedValues: true } });
    const exportJobs = new DynamoExportJobStore(doc, t.resources.tableName);
    const signer = FileExportSigner.fromFile(t.env.EXPORT_SIGNING_KEY_FILE!);
    const sent: unknown[] = [];
    const queue: Queue = { send: async (_q, body) => void sent.push(body), sendBatch: async () => undefined };
    const clock = { now: () => new Date() };
    const { id } = await startExportJob(
      { actor: { sub: 'auditor-1', roles: ['auditor'] }, ...RANGE },
      {
        exportJobs,
        queue,
        clock,
        ids: { id: () => `parts-${Date.now()}`, int: () => 0, fraction: () => 0 },
        accessLog: { record: async () => true, list: async () => ({ items: [] }) },
      },
    );
    const deps = {
      exportJobs,
      reports: new DynamoReportStore(doc, t.resources.tableName),
      repo: repoFor(t),
      // Small parts: the S3 emulator takes parts below S3's 5 MiB minimum, so 230 cases make many of them.
      uploads: new S3PartUploads(t.clients.s3, t.resources.bucket, 2557),
      blobs: new S3BlobStore(t.clients.s3, t.resources.bucket),
      exportSigner: signer,
      queue,
      clock,
    };
    const outcomes: string[] = [];
    let calls = 0;
    // Each invocation has time for three pages of 40 cases, then hands over.
    const remainingMs = () => (calls++ % 4 < 3 ? 120_000 : 1_000);
    do {
      outcomes.push(
        await runExportJob(id, deps, {
          remainingMs,
          holder: `inv-${outcomes.length}`,
          pageCases: 40,
          partBytes: 16_384,
        }),
      );
    } while (outcomes.at(-1) === 'continued');
    expect(outcomes.at(-1)).toBe('done');
    expect(outcomes.length).toBeGreaterThan(1);
    expect(sent).toHaveLength(outcomes.length); // the start, then one continuation per hand-over
    const job = await exportJobs.get(id);
    expect(job?.checkpoint.parts.length).toBeGreaterThan(3);
    const body = await t.clients.s3.send(
      new (await import('@aws-sdk/client-s3')).GetObjectCommand({
        Bucket: t.resources.bucket,
        Key: exportObjectKey(id),
      }),
    );
    const ndjson = await body.Body!.transformToString('utf8');
    expect(Buffer.byteLength(ndjson)).toBe(job!.checkpoint.bytes);
    const report = await verifyExportFile(ndjson, { publicKeyPem: await signer.publicKeyPem() });
    expect(report).toMatchObject({ ok: true, chain: { signature: 'valid' } });
    expect(JSON.parse(ndjson.trimEnd().split('\n').at(-1)!).record.counts.cases).toBe(CASES);
  }, 120_000);

  it('keeps small ranges on GET /export and points longer ones to POST /exports', async () => {
    const small = await call('GET', '/export?from=2025-01-01&to=2025-01-02', { role: 'auditor' });
    expect(small.status).toBe(200);
    const big = await call('GET', '/export?from=2025-01-01&to=2025-03-01', { role: 'auditor' });
    expect(big.status).toBe(400);
    expect(big.json.detail).toMatch(/POST \/exports/);
  });
});
