import { GENESIS_HASH } from '../../lambdas/core/audit-chain';
import { exportLineHash, type ExportLine } from '../../lambdas/core/export-chain';

/**
 * What an insider with table access (but no signing key) can do to an export: change records and then
 * recompute every line's prevHash and hash so the chain is whole again. The summary keeps its counts and
 * its old signature (a new one needs the key), with `lastRecordHash` updated to match.
 */
export function tamperAndRechain(
  ndjson: string,
  edit: (line: ExportLine, index: number) => unknown,
  startHash = GENESIS_HASH,
): string {
  let prev = startHash;
  return ndjson
    .split('\n')
    .filter((l) => l.length > 0)
    .map((text, i) => {
      const line = JSON.parse(text) as ExportLine;
      let record = edit(line, i);
      if (line.kind === 'summary') record = { ...(record as object), lastRecordHash: prev };
      const hash = exportLineHash(prev, line.kind, record);
      const out = JSON.stringify({ kind: line.kind, record, prevHash: prev, hash });
      prev = hash;
      return `${out}\n`;
    })
    .join('');
}
