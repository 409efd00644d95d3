import type { DeadlineKind } from '../case';

/**
 * The data of an `agent_replied` audit event. The reply records which response it answered and whether
 * it met that deadline at the moment it was sent, so SLA reports read the facts from the audit trail
 * instead of reconstructing deadlines that the planner has since replaced.
 */
export interface AgentRepliedData {
  readonly messageId: string;
  readonly firstResponse: boolean;
  /** The response deadline this reply answered, when one was running. */
  readonly owed?: {
    readonly kind: Extract<DeadlineKind, 'first_response' | 'next_response' | 'escalation'>;
    readonly dueAt: string;
    readonly met: boolean;
  };
  /** Minutes the customer had waited for this reply (since the case opened, or since their unanswered message). */
  readonly waitedMinutes?: number;
}

export const AGENT_REPLIED = 'agent_replied';
