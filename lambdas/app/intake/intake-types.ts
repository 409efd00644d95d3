import type { AttachmentReader } from '../../core/attachment';
import type { classify } from '../../core/intake/classify';
import type { MimeParser } from '../../core/intake/parsed-mail';
import type { TrackingNumber } from '../../core/tracking-number';
import type { AppDeps } from '../deps';

/** What became of one inbound message; every message ends as exactly one of these. */
export type IntakeOutcome =
  | { readonly kind: 'case_opened'; readonly tracking: TrackingNumber; readonly acknowledged: boolean }
  | { readonly kind: 'threaded'; readonly tracking: TrackingNumber }
  | { readonly kind: 'quarantined'; readonly reason: string }
  | { readonly kind: 'duplicate'; readonly tracking?: TrackingNumber };

/** A raw message SES stored: its S3 key and SES's message id. */
export interface InboundMail {
  readonly key: string;
  readonly sesMessageId: string;
}

export type IntakeDeps = Pick<
  AppDeps,
  'repo' | 'blobs' | 'queue' | 'clock' | 'ids' | 'profile' | 'planDeadlines' | 'signingSecret'
> & {
  readonly parser: MimeParser;
  /** Reads attachment bytes to store each on its own. @default - attachments stay only in the raw message */
  readonly attachments?: AttachmentReader;
};

export type Verdict = ReturnType<typeof classify>;

/** A bounded References chain is enough to thread; RFC 5322 §3.6.4 lets it grow without limit. */
export const MAX_THREAD_IDS = 20;
