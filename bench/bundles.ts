import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_SIDE_FILES, esbuildOptions } from '../lib/bundling';
import { progress } from './stats';

export interface BundleResult {
  readonly handler: string;
  /** The deployed bundle: the AWS SDK inside, as CDK builds it. */
  readonly bytes: number;
  /** The same build with `@aws-sdk/*` left out: our code and the libraries we chose. */
  readonly bytesWithoutSdk: number;
  /** Files shipped next to the bundle and read only on demand (legacy-charset tables). */
  readonly sideBytes: number;
  /** Median of 3 fresh-process timings of `import()` of the deployed bundle (module evaluation incl. config). */
  readonly coldImportMs: number;
  readonly importError?: string;
  readonly bundleError?: string;
}

const HANDLERS_DIR = resolve(__dirname, '..', 'lambdas', 'handlers');

const IMPORT_SCRIPT = `
const { performance } = require('node:perf_hooks');
const t0 = performance.now();
import(process.argv[1]).then(() => { process.stdout.write(String(performance.now() - t0)); }, (e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });
`;

function bytesUnder(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? bytesUnder(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );
}

/**
 * Bundles each handler as CDK does (lib/bundling.ts: esbuild, node22, minified ESM, the AWS SDK inside, no
 * source map, side files copied next to it) and times `import()` of each bundle in a fresh Node process with
 * the handler env set. A second build without the SDK gives the size of what is ours to trim.
 */
export async function measureBundles(outDir: string, env: Record<string, string>): Promise<BundleResult[]> {
  const handlers = readdirSync(HANDLERS_DIR)
    .filter((f) => f.endsWith('.ts') && statSync(join(HANDLERS_DIR, f)).isFile())
    .sort();
  const results: BundleResult[] = [];
  for (const file of handlers) {
    const name = file.replace(/\.ts$/, '');
    // One directory per handler, as in a Lambda asset: nothing beside the bundle but its side files.
    const dir = join(outDir, name);
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, 'index.mjs');
    const withoutSdk = join(outDir, `${name}-without-sdk.mjs`);
    progress(`bundle: ${name}`);
    try {
      const entryPoints = [join(HANDLERS_DIR, file)];
      await build({ ...esbuildOptions(), entryPoints, outfile });
      await build({ ...esbuildOptions({ withoutSdk: true }), entryPoints, outfile: withoutSdk });
      const code = readFileSync(outfile, 'utf8');
      for (const f of BUNDLE_SIDE_FILES)
        if (code.includes(f.when)) cpSync(f.from, join(dir, f.to), { recursive: true });
    } catch (err) {
      const first = (err instanceof Error ? err.message : String(err)).split('\n').slice(0, 2).join(' ');
      results.push({
        handler: name,
        bytes: Number.NaN,
        bytesWithoutSdk: Number.NaN,
        sideBytes: 0,
        coldImportMs: Number.NaN,
        bundleError: first,
      });
      continue;
    }
    const bytes = statSync(outfile).size;
    const bytesWithoutSdk = statSync(withoutSdk).size;
    const sideBytes = BUNDLE_SIDE_FILES.reduce(
      (n, f) => n + (existsSync(join(dir, f.to)) ? bytesUnder(join(dir, f.to)) : 0),
      0,
    );
    const times: number[] = [];
    let importError: string | undefined;
    for (let i = 0; i < 3; i++) {
      // Run beside the bundle with no node_modules in reach: a module the bundle failed to include fails here.
      const r = spawnSync(process.execPath, ['-e', IMPORT_SCRIPT, outfile], {
        encoding: 'utf8',
        cwd: dir,
        env: {
          ...process.env,
          ...env,
          NODE_PATH: '',
          POWERTOOLS_LOG_LEVEL: 'CRITICAL',
          POWERTOOLS_METRICS_DISABLED: 'true',
        },
      });
      if (r.status !== 0) {
        importError = (r.stderr || `exit ${r.status}`).trim().split('\n')[0];
        break;
      }
      times.push(Number(r.stdout));
    }
    times.sort((a, b) => a - b);
    results.push({
      handler: name,
      bytes,
      bytesWithoutSdk,
      sideBytes,
      coldImportMs: times[1] ?? times[0] ?? Number.NaN,
      ...(importError ? { importError } : {}),
    });
  }
  return results;
}
