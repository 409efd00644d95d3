import type { MiddlewareStack } from '@smithy/types';

/** Counts of what a fault injector did, per operation. */
export interface FaultStats {
  calls: number;
  injected: number;
  byOperation: Record<string, number>;
}

export interface FaultOptions {
  /** Probability that a call fails, 0..1. */
  readonly rate: number;
  /** `throttle`: a retryable throttling error, as AWS sends under load; `server`: a 500 the SDK also retries. */
  readonly kind?: 'throttle' | 'server';
  /** Name of the error (AWS services differ: DynamoDB ThrottlingException, SES Throttling, S3 SlowDown). */
  readonly errorName?: string;
  /** Only these operations (e.g. ['TransactWriteItemsCommand']); all when omitted. */
  readonly operations?: readonly string[];
  readonly random?: () => number;
}

/**
 * Makes an SDK client fail a share of its calls, from inside its own middleware stack (the `deserialize`
 * step runs within the retry loop, so the SDK's retries see the faults exactly as they would see AWS's):
 * no handler is edited and no mock replaces the service. Returns live stats and a remover.
 */
export function injectFaults(
  client: { middlewareStack: MiddlewareStack<any, any> },
  opts: FaultOptions,
): { stats: FaultStats; remove(): void } {
  const name = `fault-injector-${Math.random().toString(36).slice(2)}`;
  const stats: FaultStats = { calls: 0, injected: 0, byOperation: {} };
  const random = opts.random ?? Math.random;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const op = String((context as { commandName?: string }).commandName ?? 'unknown');
      stats.calls++;
      if ((!opts.operations || opts.operations.includes(op)) && random() < opts.rate) {
        stats.injected++;
        stats.byOperation[op] = (stats.byOperation[op] ?? 0) + 1;
        const server = opts.kind === 'server';
        throw Object.assign(new Error(`injected ${server ? 'server error' : 'throttling'} on ${op}`), {
          name: opts.errorName ?? (server ? 'InternalServerError' : 'ThrottlingException'),
          $fault: server ? 'server' : 'client',
          $metadata: { httpStatusCode: server ? 500 : 400, attempts: 1 },
          $retryable: server ? {} : { throttling: true },
        });
      }
      return next(args);
    },
    { step: 'deserialize', name, priority: 'high' },
  );
  return { stats, remove: () => client.middlewareStack.remove(name) };
}
