import { EXAMPLE_PROFILE } from '../../../lambdas/core/firm-profile';
import type { Notice } from '../../../lambdas/core/notice';
import { parseTrackingNumber } from '../../../lambdas/core/tracking-number';
import type { AcknowledgementInput, CaseMailInput } from '../../../lambdas/core/templates';

/** A valid tracking number built from the check-symbol rule (not generated: tests stay deterministic). */
export const TRACKING = parseTrackingNumber(findValid('K7QM4TZXP9H'));

function findValid(data: string): string {
  for (const c of '0123456789ABCDEFGHJKMNPQRSTWXYZ') {
    try {
      return parseTrackingNumber(data + c);
    } catch {
      /* try the next check symbol */
    }
  }
  throw new Error('no check symbol fits');
}

export const base: CaseMailInput = {
  tracking: TRACKING,
  subject: 'Withdrawal stuck',
  language: 'en',
  timeZone: 'America/New_York',
  profile: EXAMPLE_PROFILE,
  replyAddress: 'support+k7qm4tzxp9h@exchange.example',
};

export const maintenance: Notice = {
  id: 'n1',
  kind: 'maintenance',
  message: 'Wallet upgrade for <BTC> & ETH',
  startsAt: '2026-03-08T10:00:00Z',
  endsAt: '2026-03-08T14:00:00Z',
  extraDelayMinutes: 120,
};

export function ackInput(over: Partial<AcknowledgementInput> = {}): AcknowledgementInput {
  return {
    ...base,
    expectedResponseAt: new Date('2026-03-09T14:30:00Z'),
    surge: false,
    notices: [],
    ...over,
  };
}
