import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';

/** libmime as CommonJS: mailparser imports its ES build and mailsplit requires the CommonJS one, which bundled both. */
const LIBMIME_CJS = require.resolve('libmime');

/**
 * The HTML parser and DOM packages as sanitize-html's CommonJS copies: html-to-text (mailparser's) imports the
 * ES builds of the same versions, which bundled the parser, the DOM helpers and two entity tables twice.
 */
const SANITIZE_HTML_DIR = path.dirname(require.resolve('sanitize-html'));
const HTML_DOM_CJS = Object.fromEntries(
  ['htmlparser2', 'domhandler', 'dom-serializer'].map((p) => [p, require.resolve(p, { paths: [SANITIZE_HTML_DIR] })]),
);

/**
 * iconv-lite's code tables for legacy CJK charsets (GBK, Big5, Shift_JIS, EUC-JP, EUC-KR): 400 KB that only a
 * mail in such a charset needs. iconv-lite requires each table when a codec first needs it, so the tables stay
 * out of the bundle as files next to it and are read on demand.
 */
const ICONV_TABLES = path.join(
  path.dirname(require.resolve('iconv-lite/package.json', { paths: [path.dirname(LIBMIME_CJS)] })),
  'encodings',
  'tables',
);

/**
 * How every handler is bundled, in esbuild's terms. The CDK functions (lib/functions.ts) and the bench's
 * bundle measurement (bench/bundles.ts) both read it, so the bench measures what is deployed.
 */
export const HANDLER_BUNDLE = {
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  // Non-ASCII text (the language model's n-grams, templates in a dozen languages) as UTF-8 rather than
  // `\uXXXX` escapes: 540 KB less in the intake bundle.
  charset: 'utf8',
  mainFields: ['module', 'main'],
  // CommonJS dependencies bundled into ESM still call require().
  banner:
    "import { createRequire as __docketCreateRequire } from 'node:module'; const require = __docketCreateRequire(import.meta.url);",
  alias: {
    libmime: LIBMIME_CJS,
    ...HTML_DOM_CJS,
    // One entities (7, CommonJS) for all: dom-serializer 2 was built against entities 4, whose three
    // functions it calls (encodeXML, escapeText, escapeAttribute) entities 7 keeps unchanged.
    entities: path.join(SANITIZE_HTML_DIR, 'node_modules', 'entities', 'dist', 'commonjs'),
    postcss: path.join(__dirname, 'stubs', 'postcss.ts'),
  } as Readonly<Record<string, string>>,
  /** Loaded at run time from the bundle's directory (see {@link BUNDLE_SIDE_FILES}). */
  external: ['./tables/*'],
  /**
   * The AWS SDK goes into the bundle (one file to load, and the version tested here rather than the
   * runtime's), which imports faster than the same clients resolved file by file from node_modules.
   */
  bundleAwsSdk: true,
  /**
   * No source maps: Node parses a bundle's whole map at load when `--enable-source-maps` is on, which
   * added about a quarter to the intake's cold start (ADR 0012); stack traces name minified functions.
   */
  sourcemap: false,
} as const;

/**
 * {@link HANDLER_BUNDLE} as esbuild's build options, for the builds outside CDK (the bench, the bundling
 * test); `withoutSdk` leaves `@aws-sdk/*` out, to measure what is ours.
 */
export function esbuildOptions(options: { readonly withoutSdk?: boolean } = {}): BuildOptions {
  const { bundleAwsSdk, banner, mainFields, external, ...settings } = HANDLER_BUNDLE;
  return {
    bundle: true,
    ...settings,
    mainFields: [...mainFields],
    banner: { js: banner },
    external: [...external, ...(bundleAwsSdk && !options.withoutSdk ? [] : ['@aws-sdk/*'])],
    logLevel: 'silent',
  };
}

export interface SideFiles {
  /** Directory copied next to the bundle... */
  readonly from: string;
  /** ...under this name... */
  readonly to: string;
  /** ...when the bundle's code contains this (handlers that never parse mail do without). */
  readonly when: string;
}

/** Directories copied next to a bundle, which the externals in {@link HANDLER_BUNDLE} read on demand. */
export const BUNDLE_SIDE_FILES: readonly SideFiles[] = [{ from: ICONV_TABLES, to: 'tables', when: '"./tables/' }];

/** Shell commands that copy the side files a bundle (`<outputDir>/index.mjs`) needs next to it. */
export function sideFileCommands(outputDir: string): string[] {
  const bundle = path.join(outputDir, 'index.mjs');
  return BUNDLE_SIDE_FILES.map(
    (f) => `if grep -qF '${f.when}' "${bundle}"; then cp -R "${f.from}" "${path.join(outputDir, f.to)}"; fi`,
  );
}
