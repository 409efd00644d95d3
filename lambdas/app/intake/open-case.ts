import { GENESIS_HASH, chainEvent } from '../../core/audit-chain';
import type { Case, CaseType, Topic } from '../../core/case';
import type { ParsedMail } from '../../core/intake/parsed-mail';
import type { TrackingNumber } from '../../core/tracking-number';

/** Subjects are kept bounded: they reach our own headers and agents' lists. */
const MAX_SUBJECT = 300;

export interface NewCaseFacts {
  readonly tracking: TrackingNumber;
  readonly mail: ParsedMail;
  readonly customerAddress: string;
  readonly language: string;
  readonly type: CaseType;
  readonly topic: Topic;
  readonly flags: readonly string[];
  readonly now: string;
  readonly classification: { kind: string; reasons: readonly string[]; acknowledge: boolean };
  readonly relatedTo?: TrackingNumber;
}

/** The first state of a case opened by an inbound mail, with its opening audit event. */
export function newCase(f: NewCaseFacts) {
  const base: Case = {
    tracking: f.tracking,
    status: 'new',
    customer: {
      address: f.customerAddress,
      ...(f.mail.from?.name ? { name: f.mail.from.name.slice(0, 200) } : {}),
      kind: 'individual',
    },
    participants: [f.customerAddress],
    subject: (f.mail.subject || '(no subject)').replace(/[\r\n\t]+/g, ' ').slice(0, MAX_SUBJECT),
    language: f.language,
    channel: 'email',
    type: f.type,
    topic: f.topic,
    priority: f.type === 'complaint' || f.topic === 'fraud' ? 'high' : 'normal',
    flags: [...f.flags],
    createdAt: f.now,
    updatedAt: f.now,
    lastCustomerMessageAt: f.now,
    deadlines: {},
    threadMessageIds: f.mail.messageId ? [f.mail.messageId] : [],
    version: 1,
    eventSeq: 0,
    lastEventHash: GENESIS_HASH,
  };
  const event = chainEvent(base, {
    at: f.now,
    actor: 'customer',
    type: 'case_opened',
    data: {
      channel: 'email',
      classification: f.classification.kind,
      reasons: [...f.classification.reasons],
      acknowledge: f.classification.acknowledge,
      language: f.language,
      type: f.type,
      topic: f.topic,
      ...(f.relatedTo ? { relatedTo: f.relatedTo } : {}),
    },
  });
  return { case: { ...base, eventSeq: event.seq, lastEventHash: event.hash }, event };
}
