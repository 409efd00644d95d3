import type { AckDecision } from '../../core/ack-budget';
import type { AckBudgetEffect } from './intake-types';

/** The audit event that records what the acknowledgement budget did, and the outcome's summary of it. */
export function ackBudgetRecord(
  decision: AckDecision,
  purpose: 'acknowledgement' | 'reply_received',
  at: string,
): { event?: { at: string; actor: string; type: string; data: Record<string, unknown> }; effect?: AckBudgetEffect } {
  switch (decision.kind) {
    case 'now':
      return {};
    case 'delayed':
      return {
        event: {
          at,
          actor: 'system',
          type: 'acknowledgement_delayed',
          data: {
            purpose,
            delaySeconds: decision.delaySeconds,
            why: decision.budgetExhausted ? 'ack_budget_exhausted' : 'ack_budget_per_minute',
          },
        },
        effect: decision.budgetExhausted ? 'exhausted' : 'delayed',
      };
    case 'sender_capped':
      return {
        event: { at, actor: 'system', type: 'acknowledgement_withheld', data: { purpose, why: 'sender_daily_cap' } },
        effect: 'sender_capped',
      };
  }
}
