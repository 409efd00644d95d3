import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The shared corpus of real-world messages (../shared/corpus beside the repository). */
export const CORPUS_DIR = join(__dirname, '../../../shared/corpus/messages');

/** Every .eml file under `dir`, recursively, in a stable order. */
export function listEml(dir: string = CORPUS_DIR): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? listEml(p) : p.endsWith('.eml') ? [p] : [];
    });
}
