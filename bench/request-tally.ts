import type { Client } from '@smithy/types';

/** DynamoDB operations billed as reads; every other operation that consumes capacity is a write. */
const READS = new Set([
  'GetItemCommand',
  'BatchGetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'TransactGetItemsCommand',
]);

interface Consumed {
  readonly CapacityUnits?: number;
  readonly Table?: { readonly CapacityUnits?: number };
  readonly GlobalSecondaryIndexes?: Record<string, { readonly CapacityUnits?: number }>;
}

/** What a set of SDK clients asked for: requests by service and operation, DynamoDB capacity units as billed. */
export interface RequestTally {
  readonly requests: Record<string, number>;
  readonly dynamo: { readUnits: number; writeUnits: number; indexUnits: Record<string, number> };
}

/**
 * Counts every request the given clients send, by `<service>:<operation>`, and asks DynamoDB for the
 * capacity each one consumed (`ReturnConsumedCapacity: INDEXES`; DynamoDB Local computes it as DynamoDB
 * bills it: 4 KB per read unit, 1 KB per write unit, twice in a transaction, index copies included).
 * Instrumentation only: it adds a middleware and changes nothing the handlers decide.
 */
export function tallyRequests(clients: Record<string, Client<any, any, any>>): RequestTally & { reset(): void } {
  const tally: RequestTally = { requests: {}, dynamo: { readUnits: 0, writeUnits: 0, indexUnits: {} } };
  for (const [service, client] of Object.entries(clients)) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const op = String(context.commandName ?? 'unknown');
        // The document client's commands reach this stack as the low-level ones: one count each.
        if (!op.endsWith('Command') || !/^[A-Z]/.test(op)) return next(args);
        const input = args.input as Record<string, unknown>;
        if (service === 'dynamodb' && !('ReturnConsumedCapacity' in input)) input.ReturnConsumedCapacity = 'INDEXES';
        const out = await next(args);
        const name = `${service}:${op.replace(/Command$/, '')}`;
        tally.requests[name] = (tally.requests[name] ?? 0) + 1;
        if (service === 'dynamodb') {
          const consumed = (out.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
          for (const c of [consumed ?? []].flat()) {
            const units = c.CapacityUnits ?? 0;
            if (READS.has(op)) tally.dynamo.readUnits += units;
            else tally.dynamo.writeUnits += units;
            for (const [index, g] of Object.entries(c.GlobalSecondaryIndexes ?? {}))
              tally.dynamo.indexUnits[index] = (tally.dynamo.indexUnits[index] ?? 0) + (g.CapacityUnits ?? 0);
          }
        }
        return out;
      },
      { step: 'initialize', name: 'benchRequestTally', override: true },
    );
  }
  return {
    ...tally,
    reset: () => {
      for (const k of Object.keys(tally.requests)) delete tally.requests[k];
      tally.dynamo.readUnits = 0;
      tally.dynamo.writeUnits = 0;
      for (const k of Object.keys(tally.dynamo.indexUnits)) delete tally.dynamo.indexUnits[k];
    },
  };
}
