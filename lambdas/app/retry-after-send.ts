import { backoffMs } from './backoff';

/**
 * Once a mail has left through SES, failing to record it means a redelivery would send it again. The SDK
 * already retries each call; this adds a longer, in-invocation retry around the whole record step, so
 * a burst of throttling between the send and the commit does not turn into a duplicate mail. `jitter`
 * returns a number in [0, 1) (the container's `Ids.fraction`), so concurrent retries spread out.
 */
export async function retryAfterSend<T>(
  work: () => Promise<T>,
  jitter: () => number,
  attempts = 8,
  baseMs = 100,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, backoffMs(attempt, jitter(), baseMs)));
    }
  }
}
