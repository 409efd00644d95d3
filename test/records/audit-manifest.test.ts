import { DeleteObjectCommand, GetObjectRetentionCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAccessLog } from '../../lambdas/adapters/dynamodb/access-log';
import { DynamoChangeJournal } from '../../lambdas/adapters/dynamodb/change-journal';
import { eventSortKey } from '../../lambdas/adapters/dynamodb/keys';
import { DynamoReportStore } from '../../lambdas/adapters/dynamodb/report-store';
import { S3BlobStore } from '../../lambdas/adapters/s3-blob-store';
import { S3ManifestStore } from '../../lambdas/adapters/s3-manifest-store';
import { FileExportSigner } from '../../lambdas/adapters/signing/file-export-signer';
import { exportRecords } from '../../lambdas/app/api/export-records';
import { writeManifests } from '../../lambdas/app/records/write-manifests';
import { chainEvents, GENESIS_HASH } from '../../lambdas/core/audit-chain';
import { hourOf, manifestKey } from '../../lambdas/core/audit-manifest';
import { S3ManifestReader } from '../../deploy/verify-export/s3-manifests';
import { verifyExportFile } from '../../deploy/verify-export/verify';
import { repoFor, seedCase } from '../api/seed';
import { createTestEnv, type TestEnv } from '../support/local-env';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv(); // a table of its own: the journal of this hour holds only this file's cases
}, 60_000);
afterAll(() => t?.dispose());

const HOUR = 3600_000;

describe('hourly audit manifests in the locked bucket', () => {
  it('records the head of each changed case under compliance retention, and catches a later table edit in a signed export', async () => {
    const repo = repoFor(t);
    const c = await seedCase(t); // committed now: the journal lists it under this hour
    const store = new S3ManifestStore(t.clients.s3, t.resources.bucket, 2557);
    const deps = { repo, journal: new DynamoChangeJournal(t.clients.doc, t.resources.tableName), manifests: store };

    const nextHour = new Date(Date.now() + HOUR);
    const written = await writeManifests(deps, nextHour, 1);
    expect(written).toEqual([hourOf(new Date())]);
    expect(await writeManifests(deps, nextHour, 1)).toEqual([]); // write-once: the hour is done

    const key = manifestKey(written[0]!);
    const retention = await t.clients.s3.send(new GetObjectRetentionCommand({ Bucket: t.resources.bucket, Key: key }));
    expect(retention.Retention?.Mode).toBe('COMPLIANCE');
    expect(retention.Retention!.RetainUntilDate!.getTime()).toBeGreaterThan(
      Date.now() + 7 * 365 * 86400_000 - 86400_000,
    );
    // Locked: a delete is refused (S3 keeps the version behind a delete marker; the local layer refuses outright).
    await expect(
      t.clients.s3.send(new DeleteObjectCommand({ Bucket: t.resources.bucket, Key: key })),
    ).rejects.toThrow();

    const signer = FileExportSigner.fromFile(t.env.EXPORT_SIGNING_KEY_FILE!);
    const exportDeps = {
      repo,
      reports: new DynamoReportStore(t.clients.doc, t.resources.tableName),
      accessLog: new DynamoAccessLog(t.clients.doc, t.resources.tableName),
      clock: { now: () => new Date() },
      exportSigner: signer,
      blobs: new S3BlobStore(t.clients.s3, t.resources.bucket),
    };
    const actor = { sub: 'auditor-1', roles: ['auditor'] as const };
    const verify = async () =>
      verifyExportFile((await exportRecords({ actor, case: c.tracking, limit: 10 }, exportDeps)).ndjson, {
        publicKeyPem: await signer.publicKeyPem(),
        manifests: new S3ManifestReader(t.clients.s3, t.resources.bucket),
      });
    expect(await verify()).toMatchObject({ ok: true, manifests: { ok: true, checked: 1 } });

    // An insider with table access rewrites the case's only event and recomputes the audit chain and the
    // case's head, bypassing the use cases (so no journal entry either).
    const [original] = await repo.listEvents(c.tracking);
    const { events, head } = chainEvents({ eventSeq: 0, lastEventHash: GENESIS_HASH }, [
      { at: original!.at, actor: original!.actor, type: original!.type, data: { channel: 'phone' } },
    ]);
    await t.clients.doc.send(
      new PutCommand({
        TableName: t.resources.tableName,
        Item: { PK: `CASE#${c.tracking}`, SK: eventSortKey(1), itemType: 'event', tracking: c.tracking, ...events[0]! },
      }),
    );
    const stored = (await repo.getCase(c.tracking))!;
    await repo.commit({ case: { ...stored, ...head, version: stored.version + 1 }, expectedVersion: stored.version });

    const after = await verify();
    expect(after.chain).toMatchObject({ ok: true, signature: 'valid' }); // exported through the API: signed
    expect(after.brokenAuditChains).toEqual([]); // and the audit chain was recomputed
    expect(after).toMatchObject({ ok: false, manifests: { ok: false, tracking: c.tracking } });
  });
});
