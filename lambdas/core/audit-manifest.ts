import type { AuditEvent } from './audit-chain';
import type { TrackingNumber } from './tracking-number';

/**
 * The audit manifest: once an hour the sweeper writes the audit-chain head (newest event's seq and hash)
 * of every case that changed in that hour to the Object-Locked mail bucket, under compliance retention.
 * Nobody can change or delete it afterwards, the account's root included. Someone who later edits a
 * case's events in the table and recomputes every hash produces a chain in which the recorded head no
 * longer occurs: `checkManifest` finds that in any export of the case (docs/api.md).
 */

export const MANIFEST_PREFIX = 'manifests/';
export const MANIFEST_FORMAT = 'docket-audit-manifest/1';

export interface ManifestHead {
  readonly tracking: TrackingNumber;
  readonly seq: number;
  readonly hash: string;
}

export interface AuditManifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** The UTC hour covered, `YYYY-MM-DDTHH`: cases changed in [hour, hour + 1 h). */
  readonly hour: string;
  readonly writtenAt: string;
  /** One head per changed case, read when the manifest was written (it may have grown since the hour). */
  readonly heads: readonly ManifestHead[];
}

/** `YYYY-MM-DDTHH` of an instant (UTC). */
export const hourOf = (at: Date): string => at.toISOString().slice(0, 13);

/** The start of an hour given as `YYYY-MM-DDTHH`. */
export const hourStart = (hour: string): Date => new Date(`${hour}:00:00.000Z`);

/** Object key of an hour's manifest: sortable, so a reader lists from an hour on with StartAfter. */
export const manifestKey = (hour: string): string =>
  `${MANIFEST_PREFIX}${hour.slice(0, 10)}/${hour.slice(11, 13)}.json`;

/** The hours whose manifests are due at `now`: the `lookbackHours` complete hours before the current one, oldest first. */
export function dueHours(now: Date, lookbackHours: number): string[] {
  const current = hourStart(hourOf(now)).getTime();
  return Array.from({ length: lookbackHours }, (_, i) => hourOf(new Date(current - (lookbackHours - i) * 3600_000)));
}

export type ManifestFinding =
  | { readonly ok: true; readonly checked: number; readonly notExported: number }
  | { readonly ok: false; readonly tracking: string; readonly hour: string; readonly reason: string };

/**
 * Checks that each recorded head of the manifests occurs in the exported chain of its case: an event
 * with that seq and that hash. Cases not in the export are counted, not judged. `events` are the
 * exported events per case (any order).
 */
export function checkManifests(
  manifests: readonly AuditManifest[],
  events: ReadonlyMap<string, readonly Pick<AuditEvent, 'seq' | 'hash'>[]>,
): ManifestFinding {
  let checked = 0;
  let notExported = 0;
  for (const m of manifests) {
    for (const head of m.heads) {
      const chain = events.get(head.tracking);
      if (!chain) {
        notExported++;
        continue;
      }
      const at = chain.find((e) => e.seq === head.seq);
      if (!at)
        return {
          ok: false,
          tracking: head.tracking,
          hour: m.hour,
          reason: `the exported audit chain has no event ${head.seq}, which the manifest recorded as its head`,
        };
      if (at.hash !== head.hash)
        return {
          ok: false,
          tracking: head.tracking,
          hour: m.hour,
          reason: `event ${head.seq} differs from the head the manifest recorded: the case was altered after ${m.hour}`,
        };
      checked++;
    }
  }
  return { ok: true, checked, notExported };
}
