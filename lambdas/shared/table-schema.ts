/**
 * The table's keys, indexes and TTL attribute live with the DynamoDB adapter that owns them; the local
 * stack reaches them through the composition root, as it reaches every other piece.
 */
export * from '../adapters/dynamodb/table-schema';
