import { createHash } from 'node:crypto';
import { GENESIS_HASH } from '../../lambdas/core/audit-chain';
import { ConcurrencyError } from '../../lambdas/core/errors';
import type { ExportJob, ExportJobStore, PartUploads } from '../../lambdas/core/export-job';

const job = (id: string): ExportJob => ({
  id,
  status: 'queued',
  selection: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
  requestedBy: 'auditor-1',
  createdAt: '2026-02-02T00:00:00.000Z',
  updatedAt: '2026-02-02T00:00:00.000Z',
  pagesDone: 0,
  casesDone: 0,
  recordsDone: 0,
  runs: 0,
  checkpoint: { chainHead: GENESIS_HASH, counts: { cases: 0, messages: 0, events: 0 }, bytes: 0, parts: [] },
});

/** What every ExportJobStore must do, run against DynamoDB Local and the in-memory fake. */
export function exportJobStoreContract(name: string, setup: () => Promise<ExportJobStore> | ExportJobStore): void {
  describe(`ExportJobStore contract: ${name}`, () => {
    let store: ExportJobStore;
    let n = 0;
    const id = () => `contract-${Date.now().toString(36)}-${++n}`;
    beforeAll(async () => {
      store = await setup();
    });

    it('creates a job once and gives it back as stored', async () => {
      const j = job(id());
      await store.create(j);
      expect(await store.get(j.id)).toEqual(j);
      await expect(store.create(j)).rejects.toThrow(ConcurrencyError);
      expect(await store.get('never-created')).toBeUndefined();
    });

    it('updates only from the runs and parts read, so a stale worker cannot move a job backwards', async () => {
      const j = job(id());
      await store.create(j);
      const part = { partNumber: 1, etag: '"e1"', checksumSha256: 'c1' };
      const next: ExportJob = {
        ...j,
        status: 'running',
        runs: 1,
        checkpoint: { ...j.checkpoint, after: '2026-01-02T00:00:00.000Z#DKT-1', parts: [part], bytes: 10 },
      };
      await store.update(next, { runs: 0, parts: 0 });
      expect(await store.get(j.id)).toEqual(next);
      await expect(store.update({ ...next, status: 'done' }, { runs: 0, parts: 0 })).rejects.toThrow(ConcurrencyError);
      await expect(store.update({ ...next, status: 'done' }, { runs: 1, parts: 0 })).rejects.toThrow(ConcurrencyError);
      await store.update({ ...next, status: 'done' }, { runs: 1, parts: 1 });
      expect((await store.get(j.id))?.status).toBe('done');
    });
  });
}

/** What every PartUploads must do, run against the S3 emulator (behind the Object Lock layer) and the fake. */
export function partUploadsContract(
  name: string,
  setup: () => Promise<{ uploads: PartUploads; read: (key: string) => Promise<Buffer> }>,
): void {
  describe(`PartUploads contract: ${name}`, () => {
    let uploads: PartUploads;
    let read: (key: string) => Promise<Buffer>;
    let n = 0;
    const key = () => `exports/contract-${Date.now().toString(36)}-${++n}.ndjson`;
    beforeAll(async () => {
      ({ uploads, read } = await setup());
    });

    it('joins the parts in order into one object, with each part checksummed as uploaded', async () => {
      const k = key();
      const id = await uploads.start(k, 'application/x-ndjson');
      expect(await uploads.exists(k)).toBe(false);
      const bodies = ['{"line":1}\n', '{"line":2}\n', '{"line":3,"last":true}\n'].map((b) => Buffer.from(b));
      const parts = [];
      for (const [i, body] of bodies.entries()) parts.push(await uploads.uploadPart(k, id, i + 1, body));
      expect(parts.map((p) => p.checksumSha256)).toEqual(
        bodies.map((b) => createHash('sha256').update(b).digest('base64')),
      );
      await uploads.complete(k, id, parts);
      expect(await uploads.exists(k)).toBe(true);
      expect((await read(k)).toString('utf8')).toBe(bodies.join(''));
    });

    it('takes a part again under the same number (a worker redoing its work) and keeps the last', async () => {
      const k = key();
      const id = await uploads.start(k, 'application/x-ndjson');
      await uploads.uploadPart(k, id, 1, Buffer.from('first try\n'));
      const again = await uploads.uploadPart(k, id, 1, Buffer.from('second try\n'));
      await uploads.complete(k, id, [again]);
      expect((await read(k)).toString('utf8')).toBe('second try\n');
      await expect(uploads.complete(k, id, [again])).rejects.toThrow();
    });
  });
}
