import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** One file of the built console, as a server or a bucket deployment hands it out. */
export interface ConsoleFile {
  readonly contentType: string;
  readonly body: Buffer;
}

/** The built console: path under `/console/` (for example `assets/app.js`) -> file. */
export type ConsoleBundle = ReadonlyMap<string, ConsoleFile>;

/** Where the console's sources live (this folder). */
export const CONSOLE_DIR = __dirname;

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

function typeOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.'));
  return TYPES[ext] ?? 'application/octet-stream';
}

/**
 * Bundles the console (TypeScript + Preact) with esbuild, in memory: about a tenth of a second, so the
 * local gateway builds it at start and a fresh clone needs no build step. Minified, ES2022, one JS and
 * one CSS file under `assets/`, plus `index.html`.
 */
export async function buildConsole(): Promise<ConsoleBundle> {
  const result = await build({
    entryPoints: { app: join(CONSOLE_DIR, 'src', 'main.tsx') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: '/assets',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    tsconfig: join(CONSOLE_DIR, 'tsconfig.json'),
  });
  const files = new Map<string, ConsoleFile>();
  for (const out of result.outputFiles) {
    const path = out.path.replace(/^.*\/assets\//, 'assets/');
    files.set(path, { contentType: typeOf(path), body: Buffer.from(out.contents) });
  }
  files.set('index.html', {
    contentType: TYPES['.html']!,
    body: readFileSync(join(CONSOLE_DIR, 'index.html')),
  });
  return files;
}
