import type { CaseRepository } from '../../core/ports';
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
  const added = keptByKey<number>();
  const counters = deps.ackBudget.counters;
  const increment: CaseRepository['incrementCounter'] = (key, expiresAt, delta) =>
    added(`${key}\n${delta ?? 1}`, () => deps.repo.incrementCounter(key, expiresAt, delta));
  // Everything else is the repository's own, called on it.
  const repo = new Proxy(deps.repo, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      // A proxy must hand out a frozen own property as it is (a test double built with Object.create).
      if (Reflect.getOwnPropertyDescriptor(target, property)?.configurable === false) return value;
      if (property === 'incrementCounter') return increment;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    ...deps,
    repo,
    ackBudget: {
      ...deps.ackBudget,
      counters: { take: (key, limit, expiresAt) => taken(key, () => counters.take(key, limit, expiresAt)) },
    },
  };
}
