import { keptByKey } from '../kept-reading';
import type { IntakeDeps } from './intake-types';

/**
 * Intake may try one mail several times in an invocation (another write to the case won, a pending
 * reference appeared meanwhile), and each try books the acknowledgement counters again: the sender's
 * hourly loop brake, its daily cap and the minute's budget. A mail counts once in each of them however
 * many tries it needs, so a customer whose mails meet a busy thread is not capped by our retries: a
 * counter asked again within the invocation gives its first answer. (A counter whose update failed is
 * asked again.)
 */
export function countingOncePerMail(deps: IntakeDeps): IntakeDeps {
  const taken = keptByKey<boolean>();
  const counters = deps.ackBudget.counters;
  return {
    ...deps,
    ackBudget: {
      ...deps.ackBudget,
      counters: { take: (key, limit, expiresAt) => taken(key, () => counters.take(key, limit, expiresAt)) },
    },
  };
}
