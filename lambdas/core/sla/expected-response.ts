import type { CaseType, Priority, Topic } from '../case';
import { ValidationError } from '../errors';
import { addDuration, businessMinutesBetween } from './business-time';
import type { Calendar } from './calendar';
import { resolveTargets, type SlaPolicy } from './policy';

/**
 * Longest surge extension we state: 240 business hours (30 days of the default calendar). A near-zero
 * throughput would otherwise produce a date years away that tells the customer nothing; past this bound
 * the acknowledgement still says volume is unusually high (`surge`).
 */
export const MAX_SURGE_EXTENSION_BUSINESS_HOURS = 240;

export interface ExpectedFirstResponseInput {
  readonly policy: SlaPolicy;
  /** @default policy.calendar */
  readonly calendar?: Calendar;
  readonly now: Date;
  readonly caseType: CaseType;
  /** @default 'other' */
  readonly topic?: Topic;
  /** @default 'normal' */
  readonly priority?: Priority;
  /** Open cases still waiting for a first response (the queue ahead of this one). */
  readonly backlog: number;
  /** First responses per business hour recently (e.g. over the last few open hours). */
  readonly recentFirstResponsesPerHour: number;
  /** Extra delay of active maintenance or incident notices. @default 0 */
  readonly noticeDelayMinutes?: number;
}

export interface ExpectedFirstResponse {
  readonly dueAt: Date;
  /** True when the backlog pushed the time beyond the policy target (the acknowledgement says volume is high). */
  readonly surge: boolean;
}

function nonNegative(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) throw new ValidationError(`${name} must be a non-negative number`);
}

/**
 * The first-response time we can honestly state: never earlier than the policy target. When the backlog
 * is more than recent throughput clears within the target, the time becomes backlog / throughput counted
 * in business hours (at most {@link MAX_SURGE_EXTENSION_BUSINESS_HOURS}), and `surge` is set. Active
 * notice delays are then added as business time, since they slow the team. With no recent throughput
 * there is nothing to extrapolate from, so the target stands.
 */
export function expectedFirstResponse(input: ExpectedFirstResponseInput): ExpectedFirstResponse {
  const { policy, now, backlog, recentFirstResponsesPerHour: perHour } = input;
  const calendar = input.calendar ?? policy.calendar;
  const noticeDelay = input.noticeDelayMinutes ?? 0;
  nonNegative(backlog, 'backlog');
  nonNegative(perHour, 'recentFirstResponsesPerHour');
  nonNegative(noticeDelay, 'noticeDelayMinutes');

  const targets = resolveTargets(policy, {
    type: input.caseType,
    topic: input.topic ?? 'other',
    priority: input.priority ?? 'normal',
  });
  const target = addDuration(now, targets.firstResponse, calendar);
  const targetHours = businessMinutesBetween(now, target, calendar) / 60;

  let dueAt = target;
  let surge = false;
  if (perHour > 0 && backlog > perHour * targetHours) {
    const hours = Math.min(backlog / perHour, MAX_SURGE_EXTENSION_BUSINESS_HOURS);
    const cleared = addDuration(now, { businessHours: hours }, calendar);
    if (cleared > target) {
      dueAt = cleared;
      surge = true;
    }
  }
  if (noticeDelay > 0) dueAt = addDuration(dueAt, { businessHours: noticeDelay / 60 }, calendar);
  return { dueAt, surge };
}
