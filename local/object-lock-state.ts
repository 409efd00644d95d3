import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** S3 Object Lock retention modes (S3 API reference, PutObjectRetention). */
export type RetentionMode = 'COMPLIANCE' | 'GOVERNANCE';

/** What S3 keeps about one object's lock: retention and legal hold are independent of each other. */
export interface ObjectLock {
  readonly mode?: RetentionMode;
  /** ISO 8601, UTC. */
  readonly retainUntil?: string;
  readonly legalHold?: boolean;
}

/**
 * Object Lock state of the local S3 layer, one small JSON file per object (plus one per bucket) under
 * its own folder, apart from s3rver's, so s3rver never lists it as a bucket. File names are hashes of
 * the key: S3 keys reach 1,024 bytes, file names 255.
 */
export class ObjectLockState {
  constructor(private readonly dir: string) {}

  private bucketDir(bucket: string): string {
    return join(this.dir, bucket);
  }

  private objectFile(bucket: string, key: string): string {
    return join(this.bucketDir(bucket), `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  async lockEnabled(bucket: string): Promise<boolean> {
    return (await readJson<{ enabled: boolean }>(join(this.bucketDir(bucket), 'bucket.json')))?.enabled === true;
  }

  async enableLock(bucket: string): Promise<void> {
    await writeJson(join(this.bucketDir(bucket), 'bucket.json'), { enabled: true });
  }

  async get(bucket: string, key: string): Promise<ObjectLock | undefined> {
    return (await readJson<{ key: string; lock: ObjectLock }>(this.objectFile(bucket, key)))?.lock;
  }

  async set(bucket: string, key: string, lock: ObjectLock): Promise<void> {
    await writeJson(this.objectFile(bucket, key), { key, lock });
  }

  async remove(bucket: string, key: string): Promise<void> {
    await rm(this.objectFile(bucket, key), { force: true });
  }
}

/**
 * Whether the lock forbids deleting the object (or shortening its retention) at `now`. GOVERNANCE
 * yields to `x-amz-bypass-governance-retention`; COMPLIANCE and a legal hold yield to nobody.
 */
export function isProtected(lock: ObjectLock | undefined, now: Date, bypassGovernance: boolean): boolean {
  if (!lock) return false;
  if (lock.legalHold) return true;
  if (!lock.mode || !lock.retainUntil || Date.parse(lock.retainUntil) <= now.getTime()) return false;
  return lock.mode === 'COMPLIANCE' || !bypassGovernance;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Write-then-rename, so a crash never leaves half a lock record (which would read as "not locked"). */
async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, JSON.stringify(value));
  await rename(tmp, file);
}
