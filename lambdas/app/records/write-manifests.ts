import { dueHours, MANIFEST_FORMAT, type ManifestHead } from '../../core/audit-manifest';
import type { CaseRepository, ChangeJournal, ManifestStore } from '../../core/ports';

/**
 * Complete hours the sweeper looks back over: a manifest missed by failed runs (or a sweeper outage) is
 * written late rather than never, as long as the journal (14 days) still holds the hour.
 */
export const MANIFEST_LOOKBACK_HOURS = 6;
/** Cases read in parallel while collecting heads. */
const PARALLEL_READS = 10;

export interface ManifestDeps {
  readonly repo: Pick<CaseRepository, 'getCase'>;
  readonly journal: ChangeJournal;
  readonly manifests: ManifestStore;
}

/**
 * Writes the audit manifest of every complete hour of the look-back window that has none yet: the
 * current audit-chain head of each case whose chain moved in that hour (core/audit-manifest.ts). Hours
 * without changes get an empty manifest, so a missing one means the sweeper did not run, not "no change".
 * Returns the hours written.
 */
export async function writeManifests(
  deps: ManifestDeps,
  now: Date,
  lookbackHours = MANIFEST_LOOKBACK_HOURS,
): Promise<string[]> {
  const written: string[] = [];
  for (const hour of dueHours(now, lookbackHours)) {
    if (await deps.manifests.exists(hour)) continue;
    const changed = [...new Set(await deps.journal.changedIn(hour))].sort();
    const heads: ManifestHead[] = [];
    for (let i = 0; i < changed.length; i += PARALLEL_READS) {
      const cases = await Promise.all(changed.slice(i, i + PARALLEL_READS).map((t) => deps.repo.getCase(t)));
      for (const c of cases)
        if (c && c.eventSeq > 0) heads.push({ tracking: c.tracking, seq: c.eventSeq, hash: c.lastEventHash });
    }
    await deps.manifests.put({ format: MANIFEST_FORMAT, hour, writtenAt: now.toISOString(), heads });
    written.push(hour);
  }
  return written;
}
