import { chainEvents } from '../../core/audit-chain';
import type { Case } from '../../core/case';
import { ConcurrencyError, DuplicateError } from '../../core/errors';
import { verifyFeedbackToken } from '../../core/feedback-token';
import type { TrackingNumber } from '../../core/tracking-number';
import type { ApiDeps } from './api-deps';

const MAX_ATTEMPTS = 3;

/** What became of a rating: recorded now, recorded by an earlier use of the same link, or no such case. */
export type FeedbackOutcome =
  | { readonly kind: 'recorded'; readonly tracking: TrackingNumber; readonly score: number }
  | { readonly kind: 'already_recorded'; readonly tracking: TrackingNumber }
  | { readonly kind: 'case_not_found' };

/**
 * Checks a satisfaction link without recording anything (the page a GET shows asks the customer to
 * confirm). Throws `ValidationError` saying why when the token is malformed, forged or expired.
 */
export function checkFeedbackLink(
  cmd: { readonly token: string },
  deps: Pick<ApiDeps, 'clock' | 'signingSecret'>,
): { readonly tracking: TrackingNumber } {
  return { tracking: verifyFeedbackToken(cmd.token, deps.signingSecret, deps.clock.now()).tracking };
}

/**
 * Records the customer's rating from a satisfaction link. The token is signed and expiring; its nonce
 * becomes the idempotency key `FEEDBACK#<nonce>` of the commit that records the rating, so each link
 * counts once (a person confirming twice did nothing wrong: the second answer is "already recorded").
 */
export async function recordFeedback(
  cmd: { readonly token: string; readonly score: number },
  deps: Pick<ApiDeps, 'repo' | 'clock' | 'signingSecret'>,
): Promise<FeedbackOutcome> {
  const now = deps.clock.now();
  const { tracking, nonce } = verifyFeedbackToken(cmd.token, deps.signingSecret, now);
  const score = cmd.score;
  for (let attempt = 1; ; attempt++) {
    const current = await deps.repo.getCase(tracking);
    if (!current) return { kind: 'case_not_found' };
    const at = now.toISOString();
    const { events, head } = chainEvents(current, [
      { at, actor: 'customer', type: 'satisfaction_recorded', data: { score } },
    ]);
    const next: Case = { ...current, ...head, satisfaction: score, updatedAt: at, version: current.version + 1 };
    try {
      await deps.repo.commit({
        case: next,
        expectedVersion: current.version,
        events,
        idempotencyKeys: [`FEEDBACK#${nonce}`],
      });
      return { kind: 'recorded', tracking, score };
    } catch (err) {
      if (err instanceof DuplicateError) return { kind: 'already_recorded', tracking };
      if (err instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
}
