import { setTimeout as delay } from 'node:timers/promises';

export interface EventuallyOptions {
  /** Give up after this long (default 15 s: well inside Jest's 30 s test timeout). */
  readonly timeoutMs?: number;
  /** Pause between attempts (default 50 ms). */
  readonly intervalMs?: number;
  /** What is being waited for; leads the error message on timeout. */
  readonly description?: string;
}

/** Thrown when `eventually()` runs out of time; `cause` is the last error the assertion threw. */
export class EventuallyTimeoutError extends Error {
  override readonly name = 'EventuallyTimeoutError';
  constructor(
    message: string,
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Runs `assertion` until it stops throwing and returns what it returned. Tests wait for a condition this way,
 * never for a fixed time: a fast machine does not wait for nothing and a loaded one does not fail early.
 *
 * On timeout it throws an {@link EventuallyTimeoutError} whose message starts with `description` and carries the
 * last assertion failure (message and `cause`), so the report says what was still wrong. The last attempt
 * always starts at or after the deadline, so one slow attempt cannot use up the time and leave the condition untried.
 *
 * @example
 * const mails = await eventually(async () => {
 *   const got = await mailsTo(t, customer);
 *   expect(got).toHaveLength(1);
 *   return got;
 * }, { description: 'the acknowledgement reaches the customer' });
 */
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  { timeoutMs = 15_000, intervalMs = 50, description = 'condition' }: EventuallyOptions = {},
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const last = performance.now() >= deadline;
    try {
      return await assertion();
    } catch (error) {
      if (last) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new EventuallyTimeoutError(
          `${description}: still failing after ${timeoutMs} ms (${attempts} attempts); last error: ${reason}`,
          attempts,
          { cause: error },
        );
      }
    }
    await delay(Math.max(0, Math.min(intervalMs, deadline - performance.now())));
  }
}
