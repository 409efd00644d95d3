import { LISTED_CASE_FIELDS } from '../../core/ports';

/**
 * The one DynamoDB table's key schema, shared by the CDK stack, the local stack and the adapter so the
 * three cannot drift apart. Item layout: docs/architecture.md, "Data model".
 */
export const TABLE_KEYS = { partitionKey: 'PK', sortKey: 'SK' } as const;

/** Attribute holding an epoch-seconds expiry; DynamoDB TTL deletes the item after it. */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * Due-time index partitions (`DUE#<0..N-1>`, by tracking number; the sort key is the case's earliest
 * deadline). Every case write that moves a deadline rewrites its index entry (~0.3-1 KB: one write unit,
 * two when the key moves). A crash's ~40 mails a second plus the timers' own re-plans come to ~100-150
 * index writes a second: one partition's ~1,000 would do, and 4 keep a 25x margin, so a bulk job (a
 * backfill, a broadcast re-plan) cannot throttle the index and with it the case writes. Each sweep pays
 * two queries per shard; raising N later is safe (entries move as cases are written; readers query all).
 */
export const DUE_SHARDS = 4;

/**
 * What arming a timer needs from the due-time index: the deadlines (ids and due instants) and the
 * earliest of them; the tracking number is in the sort key. Not the whole case: a case write that leaves
 * its deadlines alone (a message, an assignment) then costs the index nothing.
 */
export const DUE_ATTRIBUTES: readonly string[] = ['nextDueAt', 'deadlines'];

/**
 * Report aggregate items per (cohort, group, day) are split over this many partitions by tracking number:
 * the current day's items take every case change, and transactions touching one item at once conflict.
 * Readers sum all shards; raising it is safe (new shards start empty), lowering it loses counters.
 */
export const AGGREGATE_SHARDS = 4;

/**
 * Status-index partitions per status: a new case writes `STATUS#new#<0..N-1>`, so a surge of new cases
 * spreads over N index partitions (each takes ~1,000 writes a second) instead of one.
 */
export const STATUS_SHARDS = 8;

/**
 * What the case listing reads (`GET /cases`, notice broadcasts): the status index projects only these, so
 * its writes and storage stay a fraction of the case item (no participants, thread ids or plan details).
 */
export const LISTING_ATTRIBUTES: readonly string[] = LISTED_CASE_FIELDS;

export interface IndexSchema {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** Non-key attributes the index carries; all of them when absent. */
  readonly include?: readonly string[];
}

export const INDEXES = {
  byCustomer: { name: 'byCustomer', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  /** Quarantined mail (`QUARANTINE`) and unacknowledged regulator notices (`REGNOTICE`); cases moved to `casesByStatus`. */
  byStatus: { name: 'byStatus', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  /** Cases by status, sharded (`STATUS#<status>#<shard>`), by creation time; listing attributes only. */
  casesByStatus: {
    name: 'casesByStatus',
    partitionKey: 'STATUSPK',
    sortKey: 'STATUSSK',
    include: LISTING_ATTRIBUTES,
  },
  /**
   * The due-time index the sweeper arms timers from. Sparse: only cases with a deadline carry DUEPK
   * (`DUE#<shard>`) and DUESK (`<earliest dueAt>#<tracking>`). It replaced `openDeadlines` (same keys, every
   * attribute projected): docs/scale-migration.md.
   */
  dueDeadlines: { name: 'dueDeadlines', partitionKey: 'DUEPK', sortKey: 'DUESK', include: DUE_ATTRIBUTES },
} as const satisfies Record<string, IndexSchema>;

export type IndexName = keyof typeof INDEXES;

/**
 * Indexes no code reads any more, still declared on AWS for one deploy: CloudFormation creates or deletes
 * one index per stack update, so replacing one is two deploys (docs/scale-migration.md). Empty except
 * during such a migration; the local stack never creates them.
 */
export const RETIRED_INDEXES: readonly IndexSchema[] = [];
