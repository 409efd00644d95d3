import type { Case, DeadlineKind } from '../core/case';
import type { PlanTrigger } from '../core/sla/plan-deadlines';
import type { FirmProfile } from '../core/firm-profile';
import type { BlobStore, CaseRepository, Clock, IdGenerator, Queue, RawMailSender } from '../core/ports';

/** What changed that may move deadlines (the SLA planner decides which; includes 'reminder_sent'). */
export type DeadlineTrigger = PlanTrigger;

/** Plans a case's deadlines after a trigger; wired to the SLA policy in the composition root. */
export type DeadlinePlanner = (
  c: Case,
  trigger: DeadlineTrigger,
  now: Date,
) => Promise<{ deadlines: Case['deadlines']; estimatedResolutionAt?: string; slaPolicyVersion?: string }>;

/** Ports every use case may need; each use case takes only what it uses (Pick<>). */
export interface AppDeps {
  readonly repo: CaseRepository;
  readonly blobs: BlobStore;
  readonly queue: Queue;
  readonly sender: RawMailSender;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly profile: FirmProfile;
  readonly planDeadlines: DeadlinePlanner;
  /** HMAC key for reply-address tokens and feedback links. */
  readonly signingSecret: string;
}

/** Outbound queue message: the mailer renders and sends it, idempotently per (case, purposeKey). */
export interface OutboundRequest {
  readonly tracking: string;
  readonly purpose:
    | 'acknowledgement'
    | 'reply_received'
    | 'agent_reply'
    | 'status_update'
    | 'resolution'
    | 'auto_close'
    | 'notice'
    | 'late_decision';
  /** Unique per case and purpose instance, e.g. "acknowledgement", "agent_reply:<id>", "status_update:<deadline id>". */
  readonly purposeKey: string;
  /** Purpose-specific data (agent's text, notice id, ...). */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Kinds of deadline that were due when this was queued (for status updates). */
  readonly deadlineKind?: DeadlineKind;
}
