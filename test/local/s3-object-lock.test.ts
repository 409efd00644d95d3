import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, get as httpGet, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectLegalHoldCommand,
  GetObjectRetentionCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
  PutObjectRetentionCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws';
import { layerPort, startObjectLockLayer } from '../../local/s3-object-lock';
import { testEndpoints } from '../support/emulator-endpoints';

const DAY = 86_400_000;

function client(endpoint: string, extra: Partial<ConstructorParameters<typeof S3Client>[0]> = {}): S3Client {
  return new S3Client({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint,
    forcePathStyle: true,
    ...extra,
  });
}

/** The S3 error code of a failed call (the SDK's `name`). */
async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as Error).name;
  }
  throw new Error('expected the call to fail');
}

describe('local S3 with Object Lock (the layer in front of s3rver, on the port the local stack announces)', () => {
  const s3 = client(testEndpoints().s3);
  const bucket = `t${randomBytes(4).toString('hex')}-locked`;
  const plainBucket = `t${randomBytes(4).toString('hex')}-plain`;
  const inAYear = new Date(Date.now() + 365 * DAY);

  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
    await s3.send(new CreateBucketCommand({ Bucket: plainBucket }));
  });
  afterAll(() => s3.destroy());

  it('stores the retention of a PutObject and reads it back through the SDK', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'sent/a.eml',
        Body: 'raw',
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: inAYear,
        ChecksumAlgorithm: 'SHA256',
      }),
    );
    const got = await s3.send(new GetObjectRetentionCommand({ Bucket: bucket, Key: 'sent/a.eml' }));
    expect(got.Retention).toEqual({ Mode: 'COMPLIANCE', RetainUntilDate: inAYear });
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'sent/a.eml' }));
    expect(head.ObjectLockMode).toBe('COMPLIANCE');
    expect(head.ObjectLockRetainUntilDate).toEqual(inAYear);
  });

  it('refuses to delete a COMPLIANCE object before its date, and keeps it', async () => {
    const Key = 'inbound/delete-me';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'raw' }));
    await s3.send(
      new PutObjectRetentionCommand({
        Bucket: bucket,
        Key,
        Retention: { Mode: 'COMPLIANCE', RetainUntilDate: inAYear },
      }),
    );
    expect(await errorOf(s3.send(new DeleteObjectCommand({ Bucket: bucket, Key })))).toBe('AccessDenied');
    expect(
      await errorOf(s3.send(new DeleteObjectCommand({ Bucket: bucket, Key, BypassGovernanceRetention: true }))),
    ).toBe('AccessDenied');
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key }));
    expect(head.ContentLength).toBe(3);
  });

  it('refuses to shorten a COMPLIANCE retention, and lets it be extended', async () => {
    const Key = 'inbound/extend-me';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'raw' }));
    const retain = (RetainUntilDate: Date) =>
      s3.send(
        new PutObjectRetentionCommand({ Bucket: bucket, Key, Retention: { Mode: 'COMPLIANCE', RetainUntilDate } }),
      );
    await retain(inAYear);
    expect(await errorOf(retain(new Date(inAYear.getTime() - DAY)))).toBe('AccessDenied');
    const later = new Date(inAYear.getTime() + DAY);
    await retain(later);
    const got = await s3.send(new GetObjectRetentionCommand({ Bucket: bucket, Key }));
    expect(got.Retention?.RetainUntilDate).toEqual(later);
  });

  it('deletes the unlocked keys of a DeleteObjects and reports the locked one as denied', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'x/free', Body: 'a' }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'x/held', Body: 'b' }));
    await s3.send(new PutObjectLegalHoldCommand({ Bucket: bucket, Key: 'x/held', LegalHold: { Status: 'ON' } }));
    const out = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'x/free' }, { Key: 'x/held' }] } }),
    );
    expect(out.Deleted?.map((d) => d.Key)).toEqual(['x/free']);
    expect(out.Errors?.map((e) => [e.Key, e.Code])).toEqual([['x/held', 'AccessDenied']]);
    expect(await errorOf(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'x/free' })))).toBe('NotFound');
    const hold = await s3.send(new GetObjectLegalHoldCommand({ Bucket: bucket, Key: 'x/held' }));
    expect(hold.LegalHold?.Status).toBe('ON');
  });

  it('refuses retention on a bucket created without Object Lock', async () => {
    await s3.send(new PutObjectCommand({ Bucket: plainBucket, Key: 'k', Body: 'raw' }));
    const err = await errorOf(
      s3.send(
        new PutObjectRetentionCommand({
          Bucket: plainBucket,
          Key: 'k',
          Retention: { Mode: 'COMPLIANCE', RetainUntilDate: inAYear },
        }),
      ),
    );
    expect(err).toBe('InvalidRequest');
  });

  it('refuses a locked PutObject that carries no checksum, as S3 does', async () => {
    const bare = client(testEndpoints().s3, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    try {
      const err = await errorOf(
        bare.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: 'no-checksum',
            Body: 'raw',
            ObjectLockMode: 'COMPLIANCE',
            ObjectLockRetainUntilDate: inAYear,
          }),
        ),
      );
      expect(err).toBe('InvalidRequest');
      expect(await errorOf(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'no-checksum' })))).toBe('NotFound');
    } finally {
      bare.destroy();
    }
  });

  it('answers NoSuchObjectLockConfiguration for an object without retention', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'plain', Body: 'raw' }));
    expect(await errorOf(s3.send(new GetObjectRetentionCommand({ Bucket: bucket, Key: 'plain' })))).toBe(
      'NoSuchObjectLockConfiguration',
    );
  });
});

describe('local S3 Object Lock over time', () => {
  let dir: string;
  let s3rver: S3rver;
  let layer: Server;
  let s3: S3Client;
  let now = new Date();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'docket-lock-'));
    s3rver = new S3rver({ address: '127.0.0.1', port: 0, directory: dir, silent: true, vhostBuckets: false });
    const upstream = await s3rver.run();
    layer = await startObjectLockLayer({
      host: '127.0.0.1',
      port: 0,
      upstream: { host: '127.0.0.1', port: upstream.port },
      stateDir: `${dir}-lock`,
      now: () => now,
    });
    s3 = client(`http://127.0.0.1:${layerPort(layer)}`);
    await s3.send(new CreateBucketCommand({ Bucket: 'mail', ObjectLockEnabledForBucket: true }));
  });
  afterAll(async () => {
    s3.destroy();
    await new Promise((r) => layer.close(r));
    await s3rver.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-lock`, { recursive: true, force: true });
  });

  it('lets an object be deleted once its retention has passed', async () => {
    const until = new Date(now.getTime() + DAY);
    await s3.send(new PutObjectCommand({ Bucket: 'mail', Key: 'k', Body: 'raw' }));
    await s3.send(
      new PutObjectRetentionCommand({
        Bucket: 'mail',
        Key: 'k',
        Retention: { Mode: 'COMPLIANCE', RetainUntilDate: until },
      }),
    );
    expect(await errorOf(s3.send(new DeleteObjectCommand({ Bucket: 'mail', Key: 'k' })))).toBe('AccessDenied');
    now = new Date(until.getTime() + 1);
    await s3.send(new DeleteObjectCommand({ Bucket: 'mail', Key: 'k' }));
    expect(await errorOf(s3.send(new HeadObjectCommand({ Bucket: 'mail', Key: 'k' })))).toBe('NotFound');
  });
});

describe('local S3 Object Lock layer with a reader that goes away', () => {
  it('lets its upstream close after a client drops a large answer mid-read (no connection left paused behind it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docket-lock-drop-'));
    // An upstream that answers every request with 32 MB: more than the socket buffers on both hops, so it
    // is still writing when the reader leaves.
    const upstream = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      // Streamed with back-pressure, as s3rver streams a file: the answer stays unfinished while nobody reads.
      Readable.from(
        (function* () {
          for (let i = 0; i < 512; i++) yield Buffer.alloc(64 * 1024, 'x');
        })(),
      ).pipe(res);
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const layer = await startObjectLockLayer({
      host: '127.0.0.1',
      port: 0,
      upstream: { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port },
      stateDir: dir,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const req = httpGet(`http://127.0.0.1:${layerPort(layer)}/mail/big`, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      });
    } finally {
      await new Promise((r) => layer.close(r));
      // Before the fix this never resolved: the upstream's close waited for the connection the layer left paused.
      await new Promise((r) => upstream.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
