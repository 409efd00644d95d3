import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The vendored corpus of real-world messages (test/fixtures/corpus; README there for sources and licences). */
export const CORPUS_DIR = resolve(__dirname, '..', 'test', 'fixtures', 'corpus', 'messages');

export interface CorpusMessage {
  /** Path relative to the corpus root. */
  readonly name: string;
  readonly raw: Buffer;
}

function listEml(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? listEml(p) : p.endsWith('.eml') ? [p] : [];
    })
    .sort();
}

/** Reads every `.eml` under the corpus into memory once, so the timed loops do no file I/O. */
export function loadCorpus(dir = CORPUS_DIR): CorpusMessage[] {
  return listEml(dir).map((p) => ({ name: relative(dir, p), raw: readFileSync(p) }));
}
