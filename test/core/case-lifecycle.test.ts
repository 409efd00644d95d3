import fc from 'fast-check';
import { CASE_STATUSES, assertTransition, canTransition, nextDueAt } from '../../lambdas/core/case';
import { IllegalTransitionError } from '../../lambdas/core/errors';

describe('case lifecycle', () => {
  it.each([
    ['new', 'open'],
    ['open', 'pending'],
    ['pending', 'open'],
    ['open', 'resolved'],
    ['resolved', 'open'],
    ['resolved', 'closed'],
    ['pending', 'closed'],
  ] as const)('allows %s -> %s', (from, to) => {
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each([
    ['closed', 'open'],
    ['closed', 'new'],
    ['open', 'new'],
    ['open', 'closed'],
    ['open', 'open'],
    ['resolved', 'pending'],
  ] as const)('refuses %s -> %s with an IllegalTransitionError', (from, to) => {
    expect(() => assertTransition(from, to)).toThrow(IllegalTransitionError);
    expect(() => assertTransition(from, to)).toThrow(`a case cannot go from ${from} to ${to}`);
  });

  it('never lets a case return to new, and closed is final (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_STATUSES),
        (from) => !canTransition(from, 'new') && !canTransition('closed', from),
      ),
    );
  });

  it('finds the earliest deadline for the open-deadline index', () => {
    expect(nextDueAt({})).toBeUndefined();
    expect(
      nextDueAt({
        resolution: { dueAt: '2026-12-10T14:00:00.000Z', id: 'a' },
        first_response: { dueAt: '2026-11-24T14:00:00.000Z', id: 'b' },
      }),
    ).toBe('2026-11-24T14:00:00.000Z');
  });
});
