import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');

/** Runs the same check as `npm run lint:boundaries` on the given files; resolves to its exit code and output. */
async function boundaries(...paths: string[]): Promise<{ code: number; out: string }> {
  const args = ['depcruise', ...paths, '--config', '.dependency-cruiser.cjs'];
  try {
    const { stdout } = await run('npx', args, { cwd: ROOT });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

describe('the ring boundaries are checked by a machine', () => {
  it('fails when a core file imports an adapter, and passes again once it is gone', async () => {
    // Written inside the tree (dependency-cruiser resolves paths relative to the rings) and always removed.
    const file = join(ROOT, 'lambdas/core', `wrong-import-${randomBytes(4).toString('hex')}.ts`);
    writeFileSync(file, "import { S3BlobStore } from '../adapters/s3-blob-store';\nexport const leak = S3BlobStore;\n");
    try {
      const wrong = await boundaries('lambdas/core');
      expect(wrong.code).not.toBe(0);
      expect(wrong.out).toContain('core-is-pure');
    } finally {
      rmSync(file, { force: true });
    }
    const clean = await boundaries('lambdas/core');
    expect(clean.code).toBe(0);
  }, 120_000);
});
