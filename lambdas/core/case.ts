import { IllegalTransitionError } from './errors';
import type { SenderAuthentication } from './intake/sender-authentication';
import type { TrackingNumber } from './tracking-number';

/** Lifecycle: new -> open -> pending (waiting on customer) -> open ... -> resolved -> closed. */
export const CASE_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A request (inquiry) or a complaint: the regulator's tabulation counts them apart. */
export const CASE_TYPES = ['request', 'complaint'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** Topics of the regulator's quarterly tabulation. */
export const TOPICS = [
  'withdrawal',
  'deposit',
  'account_access',
  'verification',
  'fees',
  'trading',
  'fraud',
  'other',
] as const;
export type Topic = (typeof TOPICS)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const OUTCOMES = ['full', 'partial', 'denied'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Kinds of deadline a case can carry; each is stored on the case and armed as an SQS wake-up. */
export const DEADLINE_KINDS = [
  'first_response',
  'next_response',
  'status_update',
  'resolution',
  'reminder',
  'auto_close',
  'escalation',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface Deadline {
  /** ISO-8601 UTC instant. */
  readonly dueAt: string;
  /** Random id: a timer acts only if the case still holds a deadline with this id (stale timers no-op). */
  readonly id: string;
  /** For a `reminder` or `escalation`: the deadline it is about. */
  readonly ref?: DeadlineKind;
}

export interface Customer {
  /** Lower-cased address. */
  readonly address: string;
  readonly name?: string;
  readonly kind: 'individual' | 'business';
}

export interface Resolution {
  readonly outcome: Outcome;
  readonly explanation: string;
  readonly by: string;
  readonly at: string;
}

/** The case aggregate as stored (CASE#<tracking> / META). */
export interface Case {
  readonly tracking: TrackingNumber;
  readonly status: CaseStatus;
  readonly customer: Customer;
  /** Lower-cased addresses allowed to thread into this case (the customer first). */
  readonly participants: readonly string[];
  readonly subject: string;
  /** ISO 639-1 code of the customer's language ("en" when unknown). */
  readonly language: string;
  readonly channel: 'email';
  readonly type: CaseType;
  readonly topic: Topic;
  readonly priority: Priority;
  readonly assignee?: string;
  readonly flags: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly firstResponseAt?: string;
  readonly lastCustomerMessageAt?: string;
  readonly lastAgentMessageAt?: string;
  readonly resolvedAt?: string;
  readonly closedAt?: string;
  readonly resolution?: Resolution;
  readonly satisfaction?: number;
  readonly estimatedResolutionAt?: string;
  readonly slaPolicyVersion?: string;
  readonly deadlines: Readonly<Partial<Record<DeadlineKind, Deadline>>>;
  /**
   * The receiver's verdicts on the mail that opened the case and the sender's trust level. Anything but
   * `verified` means nothing the sender wrote goes into what we send (fixed subject, no display name).
   * Absent on cases opened before verdicts were recorded: treated as verified (their old behaviour).
   */
  readonly senderAuthentication?: SenderAuthentication;
  /** Message-IDs of the thread (oldest first, bounded) for In-Reply-To/References of what we send. */
  readonly threadMessageIds: readonly string[];
  /** Optimistic-concurrency version; every write increments it. */
  readonly version: number;
  /** Audit chain head: the sequence number and hash of the newest event. */
  readonly eventSeq: number;
  readonly lastEventHash: string;
}

const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['open', 'pending', 'resolved', 'closed'],
  open: ['pending', 'resolved'],
  pending: ['open', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws `IllegalTransitionError` unless `from -> to` is allowed (a no-op "transition" is also illegal). */
export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

/** Statuses in which the firm owes the customer something (deadlines run). */
export function isWaitingOnUs(status: CaseStatus): boolean {
  return status === 'new' || status === 'open';
}

export function isOpen(status: CaseStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

/** The earliest deadline, which the sparse "open deadline" index is keyed on. */
export function nextDueAt(deadlines: Case['deadlines']): string | undefined {
  let min: string | undefined;
  for (const d of Object.values(deadlines)) {
    if (d && (min === undefined || d.dueAt < min)) min = d.dueAt;
  }
  return min;
}
