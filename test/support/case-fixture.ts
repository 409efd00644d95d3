import { GENESIS_HASH } from '../../lambdas/core/audit-chain';
import type { Case } from '../../lambdas/core/case';
import { generateTrackingNumber } from '../../lambdas/core/tracking-number';

/**
 * A case as intake stores it when it opens one (version 1, no event chained yet), for tests that put cases
 * straight into a repository or a pure function. Each call has a fresh tracking number; `overrides` sets what
 * the test is about.
 */
export function aCase(overrides: Partial<Case> = {}): Case {
  return {
    tracking: generateTrackingNumber(),
    status: 'new',
    customer: { address: 'alice@customer.example', kind: 'individual' },
    participants: ['alice@customer.example'],
    subject: 'Withdrawal stuck',
    language: 'en',
    channel: 'email',
    type: 'request',
    topic: 'withdrawal',
    priority: 'normal',
    flags: [],
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
    deadlines: {},
    threadMessageIds: [],
    version: 1,
    eventSeq: 0,
    lastEventHash: GENESIS_HASH,
    ...overrides,
  };
}
