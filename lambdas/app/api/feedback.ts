import { verifyFeedbackToken } from '../../core/feedback-token';
import type { TrackingNumber } from '../../core/tracking-number';
import { commitCaseEdit, mutateCase } from '../mutate-case';
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
  const at = now.toISOString();
  return mutateCase<FeedbackOutcome>(
    deps.repo,
    tracking,
    async (current) => {
      await commitCaseEdit(
        deps,
        current,
        {
          case: { ...current, satisfaction: score },
          events: [{ at, actor: 'customer', type: 'satisfaction_recorded', data: { score } }],
          idempotencyKeys: [`FEEDBACK#${nonce}`],
        },
        now,
      );
      return { kind: 'recorded', tracking, score };
    },
    {
      attempts: MAX_ATTEMPTS,
      onMissing: () => ({ kind: 'case_not_found' }),
      onDuplicate: () => ({ kind: 'already_recorded', tracking }),
    },
  );
}
