import { generateKeyPairSync } from 'node:crypto';
import { FileExportSigner } from '../../lambdas/adapters/signing/file-export-signer';
import { getExportJob, startExportJob } from '../../lambdas/app/api/export-jobs';
import { exportRecords } from '../../lambdas/app/api/export-records';
import { runExportJob } from '../../lambdas/app/records/run-export-job';
import type { AccessRecord } from '../../lambdas/core/access-log';
import type { DownloadLinks } from '../../lambdas/core/attachment';
import { ConcurrencyError } from '../../lambdas/core/errors';
import { exportObjectKey, type ExportJobMessage } from '../../lambdas/core/export-job';
import type { AccessLog } from '../../lambdas/core/ports';
import { verifyExportFile } from '../../deploy/verify-export/verify';
import { InMemoryExportJobStore, InMemoryPartUploads } from '../fakes/export-jobs';
import { InMemoryReportStore } from '../fakes/stores';
import { appHarness } from './harness';

const AUDITOR = { sub: 'ada.auditor', roles: ['auditor'] } as const;
const PEM = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

async function setup(cases: number) {
  const h = appHarness('2026-03-02T09:00:00.000Z');
  for (let i = 0; i < cases; i++) {
    // Every tenth mail is long enough for its body to be kept in S3 (bodies/): the export reads it back.
    const text = `Case ${i}: my withdrawal has not arrived.${i % 10 === 3 ? ' Log line.'.repeat(5_000) : ''}`;
    await h.openCase({ subject: `Withdrawal ${i} stuck`, text });
    h.clock.advance({ minutes: 7 });
  }
  h.queue.take('outbound');
  h.queue.take('timers');
  const reports = new InMemoryReportStore(h.repo);
  const exportJobs = new InMemoryExportJobStore();
  // Parts far below S3's 5 MiB so a few dozen cases make many parts; the fake enforces whatever minimum it is given.
  const uploads = new InMemoryPartUploads(2_000);
  const signer = new FileExportSigner(PEM);
  const access: AccessRecord[] = [];
  const accessLog = {
    record: async (r: AccessRecord) => (access.push(r), true),
  } as Pick<AccessLog, 'record'> as AccessLog;
  const links: string[] = [];
  const downloads: DownloadLinks = {
    linkTo: async (key) => (links.push(key), `https://bucket.example/${key}?signed`),
  };
  const api = { exportJobs, queue: h.queue, clock: h.clock, ids: h.ids, accessLog, downloads };
  const worker = {
    exportJobs,
    reports,
    repo: h.repo,
    uploads,
    blobs: h.blobs,
    exportSigner: signer,
    queue: h.queue,
    clock: h.clock,
  };
  /** Delivers queued export messages to the worker until none is left; the outcomes in order. */
  const drain = async (remainingMs: () => number = () => 300_000) => {
    const outcomes: string[] = [];
    for (let m = h.queue.take<ExportJobMessage>('exports'); m.length; m = h.queue.take<ExportJobMessage>('exports')) {
      for (const msg of m)
        outcomes.push(
          await runExportJob((msg.body as ExportJobMessage).jobId, worker, {
            remainingMs,
            holder: `run-${outcomes.length}`,
            pageCases: 4,
            partBytes: 2_000,
          }),
        );
    }
    return outcomes;
  };
  return { h, reports, exportJobs, uploads, signer, access, links, api, worker, drain };
}

const RANGE = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-04T00:00:00.000Z' };

describe('export jobs', () => {
  it('exports a range over many pages and parts into one file that verifies with the signature, with progress along the way', async () => {
    const t = await setup(30);
    const started = await startExportJob({ actor: AUDITOR, ...RANGE }, t.api);
    expect(started).toMatchObject({ status: 'queued', progress: { pagesDone: 0, cases: 0 } });
    expect(t.h.queue.bodies('exports')).toEqual([{ type: 'export_job', jobId: started.id }]);

    expect(await t.drain()).toEqual(['done']);

    const done = await getExportJob({ actor: AUDITOR, id: started.id }, t.api);
    expect(done.status).toBe('done');
    // 30 cases in pages of 4: 8 pages, each read bounded by the page size.
    expect(done.progress).toMatchObject({ pagesDone: 8, cases: 30 });
    expect(t.reports.pagesRead).toBe(8);
    expect(done.progress.partsUploaded).toBeGreaterThan(5);
    expect(done.download).toMatchObject({ url: expect.stringContaining(exportObjectKey(started.id)) });
    expect(t.links).toEqual([exportObjectKey(started.id)]);

    const file = t.uploads.objects.get(exportObjectKey(started.id))!.toString('utf8');
    expect(done.progress.bytesUploaded).toBe(Buffer.byteLength(file));
    const report = await verifyExportFile(file, { publicKeyPem: await t.signer.publicKeyPem() });
    expect(report).toMatchObject({ ok: true, chain: { ok: true, signature: 'valid' }, brokenAuditChains: [] });
    // Long bodies are in the file whole, not as the item's preview and pointer.
    const long = file
      .split('\n')
      .filter((l) => l.includes('"kind":"message"') && l.includes('Log line.'))
      .map((l) => JSON.parse(l).record);
    expect(long.length).toBe(3);
    for (const m of long) expect(m.text.length).toBeGreaterThan(50_000);
    const summary = JSON.parse(file.trimEnd().split('\n').at(-1)!);
    expect(summary.record).toMatchObject({ complete: true, counts: { cases: 30 }, selection: RANGE });
    expect(done.download?.lastHash).toBe(summary.hash);
    // The whole file holds the same records, in the same order, as the synchronous export of the range.
    const sync = await exportRecords(
      { actor: AUDITOR, ...RANGE, limit: 1000 },
      { ...t.h.api, accessLog: t.api.accessLog, exportSigner: t.signer, reports: t.reports },
    );
    const records = (ndjson: string) =>
      ndjson
        .trimEnd()
        .split('\n')
        .slice(0, -1)
        .map((l) => JSON.parse(l).hash as string);
    expect(records(file)).toEqual(records(sync.ndjson));
    expect(t.access.map((a) => a.target)).toEqual([
      expect.stringContaining(`job=${started.id}`),
      `job=${started.id}&download`,
      expect.stringContaining('from='),
    ]);
  });

  it('hands over near the time limit and continues from the checkpoint: the file still verifies', async () => {
    const t = await setup(30);
    const { id } = await startExportJob({ actor: AUDITOR, ...RANGE }, t.api);
    // Every invocation has time for two pages before it reaches the reserve.
    let calls = 0;
    const outcomes = await t.drain(() => (calls++ % 4 < 3 ? 120_000 : 1_000));
    expect(outcomes.length).toBeGreaterThan(2);
    expect(outcomes.at(-1)).toBe('done');
    expect(outcomes.slice(0, -1).every((o) => o === 'continued')).toBe(true);
    const job = await t.exportJobs.get(id);
    expect(job?.runs).toBe(outcomes.length);
    const file = t.uploads.objects.get(exportObjectKey(id))!.toString('utf8');
    const report = await verifyExportFile(file, { publicKeyPem: await t.signer.publicKeyPem() });
    expect(report.ok).toBe(true);
    expect(JSON.parse(file.trimEnd().split('\n').at(-1)!).record.counts.cases).toBe(30);
  });

  it('lets only one invocation work a job at a time: a second delivery meanwhile is refused for a later retry', async () => {
    const t = await setup(3);
    const { id } = await startExportJob({ actor: AUDITOR, ...RANGE }, t.api);
    expect(await t.h.repo.acquireLease(`export#${id}`, 'other', new Date('2026-03-03T00:00:00Z'))).toBe(true);
    await expect(
      runExportJob(id, t.worker, { remainingMs: () => 300_000, holder: 'me', partBytes: 2_000 }),
    ).rejects.toThrow(ConcurrencyError);
    await t.h.repo.releaseLease(`export#${id}`, 'other');
    expect(await runExportJob(id, t.worker, { remainingMs: () => 300_000, holder: 'me', partBytes: 2_000 })).toBe(
      'done',
    );
    expect(await runExportJob(id, t.worker, { remainingMs: () => 300_000, holder: 'again' })).toBe('skipped');
  });

  it('exports only the customer asked for, and an empty range as a file with just its signed summary', async () => {
    const t = await setup(6);
    const customer = (await t.h.repo.queryCases({ limit: 1 })).items[0]!.customer.address;
    const one = await startExportJob({ actor: AUDITOR, ...RANGE, customer: customer.toUpperCase() }, t.api);
    const none = await startExportJob(
      { actor: AUDITOR, from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' },
      t.api,
    );
    await t.drain();
    const fileOf = (id: string) => t.uploads.objects.get(exportObjectKey(id))!.toString('utf8');
    const key = await t.signer.publicKeyPem();
    expect((await verifyExportFile(fileOf(one.id), { publicKeyPem: key })).ok).toBe(true);
    const cases = fileOf(one.id)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.kind === 'case');
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((l) => l.record.customer.address === customer)).toBe(true);
    expect(fileOf(none.id).trimEnd().split('\n')).toHaveLength(1);
    expect((await verifyExportFile(fileOf(none.id), { publicKeyPem: key })).ok).toBe(true);
  });

  it('refuses a range that ends before it starts, and answers 404 for an unknown job', async () => {
    const t = await setup(0);
    await expect(startExportJob({ actor: AUDITOR, from: RANGE.to, to: RANGE.from }, t.api)).rejects.toThrow(/before/);
    await expect(getExportJob({ actor: AUDITOR, id: 'nope' }, t.api)).rejects.toThrow(/no export job/);
  });
});
