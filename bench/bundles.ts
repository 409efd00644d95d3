import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { progress } from './stats';

export interface BundleResult {
  readonly handler: string;
  readonly bytes: number;
  /** Median of 3 fresh-process timings of `import()` of the bundle (module evaluation incl. config). */
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

/**
 * Bundles each handler as CDK would (esbuild, node22, minified, AWS SDK external, as the Lambda runtime
 * provides it) and times `import()` of each bundle in a fresh Node process with the handler env set.
 */
export async function measureBundles(outDir: string, env: Record<string, string>): Promise<BundleResult[]> {
  const handlers = readdirSync(HANDLERS_DIR)
    .filter((f) => f.endsWith('.ts') && statSync(join(HANDLERS_DIR, f)).isFile())
    .sort();
  const results: BundleResult[] = [];
  for (const file of handlers) {
    const name = file.replace(/\.ts$/, '');
    const outfile = join(outDir, `${name}.js`);
    progress(`bundle: ${name}`);
    try {
      await build({
        entryPoints: [join(HANDLERS_DIR, file)],
        bundle: true,
        platform: 'node',
        target: 'node22',
        format: 'cjs',
        minify: true,
        external: ['@aws-sdk/*'],
        outfile,
        logLevel: 'silent',
      });
    } catch (err) {
      const first = (err instanceof Error ? err.message : String(err)).split('\n').slice(0, 2).join(' ');
      results.push({ handler: name, bytes: Number.NaN, coldImportMs: Number.NaN, bundleError: first });
      continue;
    }
    const bytes = statSync(outfile).size;
    const times: number[] = [];
    let importError: string | undefined;
    for (let i = 0; i < 3; i++) {
      // Run from the repo so the external @aws-sdk/* resolve from node_modules, as the runtime's copy would.
      const r = spawnSync(process.execPath, ['-e', IMPORT_SCRIPT, outfile], {
        encoding: 'utf8',
        cwd: resolve(__dirname, '..'),
        env: {
          ...process.env,
          ...env,
          NODE_PATH: resolve(__dirname, '..', 'node_modules'),
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
      coldImportMs: times[1] ?? times[0] ?? Number.NaN,
      ...(importError ? { importError } : {}),
    });
  }
  return results;
}
