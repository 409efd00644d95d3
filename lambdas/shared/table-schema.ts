/**
 * The one DynamoDB table's key schema, shared by the CDK stack, the local stack and the adapter so the
 * three cannot drift apart. Item layout: docs/architecture.md, "Data model".
 */
export const TABLE_KEYS = { partitionKey: 'PK', sortKey: 'SK' } as const;

/** Attribute holding an epoch-seconds expiry; DynamoDB TTL deletes the item after it. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Open-deadline index partitions: the sweeper queries each; spreading writes avoids one hot GSI key. */
export const DUE_SHARDS = 4;

/**
 * Report aggregate items per (cohort, group, day) are split over this many partitions by tracking number:
 * the current day's items take every case change, and transactions touching one item at once conflict.
 * Readers sum all shards; raising it is safe (new shards start empty), lowering it loses counters.
 */
export const AGGREGATE_SHARDS = 4;

export const INDEXES = {
  byCustomer: { name: 'byCustomer', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  byStatus: { name: 'byStatus', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  /** Sparse: only open cases with a deadline carry DUEPK/DUESK. */
  openDeadlines: { name: 'openDeadlines', partitionKey: 'DUEPK', sortKey: 'DUESK' },
} as const;

export type IndexName = keyof typeof INDEXES;
