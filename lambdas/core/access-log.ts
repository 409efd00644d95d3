/**
 * Who read what: every case read, customer look-up and export leaves an access record, kept apart from
 * the case's audit chain (reading changes no case). A console that refreshes a case every few seconds
 * must not flood it, so one record stands for all reads of the same thing by the same person within a
 * window. Pure: the store decides nothing, it keeps the first record of each window.
 */

/** Length of the window within which repeated reads of one thing by one person are one record. */
export const ACCESS_WINDOW_MINUTES = 15;

export const ACCESS_ACTIONS = ['case_read', 'customer_lookup', 'export', 'attachment_download'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export interface AccessRecord {
  /** When the first read of the window happened (ISO-8601). */
  readonly at: string;
  /** The token subject of the reader. */
  readonly actor: string;
  readonly action: AccessAction;
  /** What was read: a tracking number, a customer address, or an export's selection. */
  readonly target: string;
  /** Start of the deduplication window the record stands for (ISO-8601). */
  readonly window: string;
}

/** The record for one read at `at`: its window is the {@link ACCESS_WINDOW_MINUTES} slot `at` falls in. */
export function accessRecord(input: {
  readonly at: Date;
  readonly actor: string;
  readonly action: AccessAction;
  readonly target: string;
}): AccessRecord {
  const slot = ACCESS_WINDOW_MINUTES * 60_000;
  return {
    at: input.at.toISOString(),
    actor: input.actor,
    action: input.action,
    target: input.target,
    window: new Date(Math.floor(input.at.getTime() / slot) * slot).toISOString(),
  };
}
