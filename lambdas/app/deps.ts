import type { Case } from '../core/case';
import type { PlanTrigger } from '../core/sla/plan-deadlines';
import type { FirmProfile } from '../core/firm-profile';
import type { ExportSigner } from '../core/export-signature';
import type { BlobStore, CaseRepository, Clock, Ids, Queue, RawMailSender } from '../core/ports';

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
  readonly ids: Ids;
  readonly profile: FirmProfile;
  readonly planDeadlines: DeadlinePlanner;
  /** HMAC key for reply-address tokens and feedback links. */
  readonly signingSecret: string;
  /** Signs record exports (KMS on AWS, a key file locally). */
  readonly exportSigner: ExportSigner;
}

/** Outbound queue message: defined once in the core, shared by producers and the mailer. */
export type { OutboundRequest } from '../core/outbound-request';
