import type { AttachmentReader } from '../../core/attachment';
import type { classify } from '../../core/intake/classify';
import type { MimeParser } from '../../core/intake/parsed-mail';
import type { TrackingNumber } from '../../core/tracking-number';
import type { AppDeps } from '../deps';
import type { AckBudget } from './ack-budget';

/** What became of one inbound message; every message ends as exactly one of these. */
/**
 * What the acknowledgement budget did to this mail's acknowledgement, when it did anything: `delayed` to a
 * later minute, `exhausted` (delayed as far as SQS allows, every minute in reach full), `sender_capped`.
 */
export type AckBudgetEffect = 'delayed' | 'exhausted' | 'sender_capped';

export type IntakeOutcome =
  | {
      readonly kind: 'case_opened';
      readonly tracking: TrackingNumber;
      readonly acknowledged: boolean;
      readonly ackBudget?: AckBudgetEffect;
    }
  | { readonly kind: 'threaded'; readonly tracking: TrackingNumber; readonly ackBudget?: AckBudgetEffect }
  | { readonly kind: 'quarantined'; readonly reason: string }
  | { readonly kind: 'duplicate'; readonly tracking?: TrackingNumber };

/** A raw message SES stored: its S3 key and SES's message id. */
export interface InboundMail {
  readonly key: string;
  readonly sesMessageId: string;
}

/**
 * An inbound mail once read: its raw bytes and the retention now on them, read once and handed on, so the
 * copies made of it (attachments, a large body) are retained as long without asking the store again.
 */
export interface ReadMail extends InboundMail {
  readonly raw: Buffer;
  readonly retainUntil: Date;
}

export type IntakeDeps = Pick<
  AppDeps,
  'repo' | 'blobs' | 'queue' | 'clock' | 'ids' | 'profile' | 'planDeadlines' | 'signingSecret'
> & {
  readonly parser: MimeParser;
  /** The global and per-sender acknowledgement budget (core/ack-budget.ts). */
  readonly ackBudget: AckBudget;
  /** Reads attachment bytes to store each on its own. @default - attachments stay only in the raw message */
  readonly attachments?: AttachmentReader;
};

export type Verdict = ReturnType<typeof classify>;

/** A bounded References chain is enough to thread; RFC 5322 §3.6.4 lets it grow without limit. */
export const MAX_THREAD_IDS = 20;
