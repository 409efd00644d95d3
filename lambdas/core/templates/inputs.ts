import type { FirmProfile } from '../firm-profile';
import type { Notice } from '../notice';
import type { TrackingNumber } from '../tracking-number';
import type { BusinessHoursNote } from './format';

/** What every case mail needs: whom it is about, in which language, and the firm's own facts. */
export interface CaseMailInput {
  readonly tracking: TrackingNumber;
  /** The customer's original subject (sanitised here: it is untrusted). */
  readonly subject: string | undefined;
  /** Any language tag; unsupported ones fall back to English. */
  readonly language: string | undefined;
  /** IANA zone in which dates are shown (the firm's business-hours zone). */
  readonly timeZone: string;
  readonly profile: FirmProfile;
  /** Where the customer's reply goes: the signed plus-address carrying the tracking number. */
  readonly replyAddress: string;
}

/** What a rendered mail is: subject and both bodies, and the language they are written in. */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** The supported language actually used (for Content-Language). */
  readonly language: string;
}

export interface AcknowledgementInput extends CaseMailInput {
  /** When we expect to reply (already includes surge and notice delays). */
  readonly expectedResponseAt: Date;
  readonly estimatedResolutionAt?: Date;
  readonly businessHours?: BusinessHoursNote;
  /** Volume is unusually high: say so. */
  readonly surge: boolean;
  /** Active notices to show (the caller filters with `activeNotices`). */
  readonly notices: readonly Notice[];
}

export interface ReplyReceivedInput extends CaseMailInput {
  readonly expectedResponseAt?: Date;
}

export interface AgentReplyInput extends CaseMailInput {
  /** The agent's text as written (plain text; shown escaped in HTML). */
  readonly body: string;
  /** The agent's display name, if the firm shows it. */
  readonly agentName?: string;
}

export const PROGRESS_STAGES = ['received', 'investigating', 'escalated', 'waiting_third_party'] as const;
export type ProgressStage = (typeof PROGRESS_STAGES)[number];

export interface StatusUpdateInput extends CaseMailInput {
  readonly progress: ProgressStage;
  /** Optional words from the agent about what is happening. */
  readonly detail?: string;
  readonly estimatedResolutionAt?: Date;
  /** The date told before; when it differs from `estimatedResolutionAt` the change is stated explicitly. */
  readonly previousEstimatedResolutionAt?: Date;
  readonly resolutionChangeReason?: string;
  readonly nextUpdateAt: Date;
  readonly notices: readonly Notice[];
}

export type SatisfactionScore = 1 | 2 | 3 | 4 | 5;

export interface ResolutionInput extends CaseMailInput {
  readonly outcome: 'full' | 'partial' | 'denied';
  readonly explanation: string;
  /** Until when a reply reopens the case. */
  readonly reopenUntil: Date;
  /** Builds the signed one-click rating link for a score; without it the rating block is left out. */
  readonly ratingUrl?: (score: SatisfactionScore) => string;
}

export interface AutoCloseInput extends CaseMailInput {
  /** When we last asked the customer something and started waiting. */
  readonly waitingSince: Date;
  readonly reopenUntil: Date;
}

export interface NoticeMailInput extends CaseMailInput {
  readonly notice: Notice;
}

export interface LateDecisionInput extends CaseMailInput {
  /** Why the decision is late, in words for the customer (MiCA: the customer is told why). */
  readonly reason: string;
  readonly expectedDecisionAt: Date;
}
