import type { CaseRepository, Clock, RawMailSender } from '../../core/ports';
import { commitCaseEdit, mutateCase } from '../mutate-case';

/** What SES reports about a message we sent (configuration-set event publishing). */
export interface DeliveryFeedback {
  readonly kind: 'bounce' | 'complaint' | 'delivery' | 'other';
  /** SES message id of our outbound message. */
  readonly sesMessageId: string;
  readonly permanent: boolean;
  readonly recipients: readonly string[];
  readonly detail?: string;
}

export type FeedbackOutcome = 'recorded' | 'unknown_message' | 'duplicate' | 'ignored';

const MAX_ATTEMPTS = 5;

/**
 * Annotates the case a bounce or complaint belongs to. A permanent bounce or a complaint suppresses
 * further automatic mail to the customer (Zammad's lesson: keep mailing a dead address and the sender
 * reputation suffers); agents see why, and can still write by hand.
 */
export async function recordDeliveryFeedback(
  fb: DeliveryFeedback,
  deps: { repo: CaseRepository; clock: Clock; sender: Pick<RawMailSender, 'messageIdOf'> },
): Promise<FeedbackOutcome> {
  if (fb.kind === 'delivery' || fb.kind === 'other') return 'ignored';
  const tracking = await deps.repo.findCaseByMessageId(deps.sender.messageIdOf(fb.sesMessageId));
  if (!tracking) return 'unknown_message';
  return mutateCase(
    deps.repo,
    tracking,
    async (current) => {
      const now = deps.clock.now();
      const at = now.toISOString();
      const suppress = fb.kind === 'complaint' || fb.permanent;
      await commitCaseEdit(
        deps,
        current,
        {
          case: {
            ...current,
            flags: suppress && !current.flags.includes('suppressed') ? [...current.flags, 'suppressed'] : current.flags,
          },
          events: [
            {
              at,
              actor: 'system',
              type: fb.kind === 'bounce' ? 'mail_bounced' : 'complaint_received',
              data: {
                sesMessageId: fb.sesMessageId,
                permanent: fb.permanent,
                recipients: [...fb.recipients],
                ...(fb.detail ? { detail: fb.detail } : {}),
                suppressed: suppress,
              },
            },
          ],
          idempotencyKeys: [`SESFB#${fb.sesMessageId}#${fb.kind}`],
        },
        now,
      );
      return 'recorded' as const;
    },
    { attempts: MAX_ATTEMPTS, onMissing: () => 'unknown_message' as const, onDuplicate: () => 'duplicate' as const },
  );
}
