import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The vendored corpus of real-world messages (test/fixtures/corpus: README there for sources and licences). */
export const CORPUS_ROOT = join(__dirname, '../fixtures/corpus');
export const CORPUS_DIR = join(CORPUS_ROOT, 'messages');

/** One row of the corpus MANIFEST.tsv. */
export interface CorpusEntry {
  /** Absolute path of the .eml file. */
  readonly file: string;
  /** Path relative to the corpus root (`messages/<source>/<name>.eml`), as the manifest writes it. */
  readonly name: string;
  readonly sourceRepo: string;
  readonly sourcePath: string;
  readonly license: string;
  /** What the message is (`bounce`, `auto-reply`, `list`, `spam`, `malformed`, ...), plus `charset:`/`language:` tags. */
  readonly categories: readonly string[];
}

/** Every row of the corpus manifest, in file order. */
export function corpusManifest(): CorpusEntry[] {
  const [, ...rows] = readFileSync(join(CORPUS_ROOT, 'MANIFEST.tsv'), 'utf8').split('\n');
  return rows
    .filter((row) => row.trim() !== '')
    .map((row) => {
      const [name = '', sourceRepo = '', sourcePath = '', license = '', category = ''] = row.split('\t');
      return {
        file: join(CORPUS_ROOT, name),
        name,
        sourceRepo,
        sourcePath,
        license,
        categories: category.split(' ').filter(Boolean),
      };
    });
}

/** Every .eml file under `dir`, recursively, in a stable order. */
export function listEml(dir: string = CORPUS_DIR): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? listEml(p) : p.endsWith('.eml') ? [p] : [];
    });
}
