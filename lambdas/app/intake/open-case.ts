import { GENESIS_HASH, chainEvent } from '../../core/audit-chain';
import type { Case, CaseType, Topic } from '../../core/case';
import { sanitiseHeaderText } from '../../core/header-safety';
import type { ParsedMail } from '../../core/intake/parsed-mail';
import type { SenderAuthentication } from '../../core/intake/sender-authentication';
import { resolveLanguage, stringsFor } from '../../core/templates/languages';
import type { TrackingNumber } from '../../core/tracking-number';

/** Subjects are kept bounded: they reach our own headers and agents' lists. */
const MAX_SUBJECT = 300;
/** Display names are kept bounded and header-safe: one bad name must not block a case's mail. */
const MAX_NAME = 200;

export interface NewCaseFacts {
  readonly tracking: TrackingNumber;
  readonly mail: ParsedMail;
  readonly customerAddress: string;
  readonly language: string;
  readonly type: CaseType;
  readonly topic: Topic;
  readonly flags: readonly string[];
  readonly now: string;
  readonly classification: {
    kind: string;
    reasons: readonly string[];
    acknowledge: boolean;
    sender: SenderAuthentication;
  };
  readonly relatedTo?: TrackingNumber;
}

/** The first state of a case opened by an inbound mail, with its opening audit event. */
export function newCase(f: NewCaseFacts) {
  // The case's subject, customer name and thread ids end up in the headers of everything we send about it.
  // From a sender we could not verify, none of them may hold its text: a fixed subject in the customer's
  // language, no display name (the sender's own subject stays on its message, for agents).
  const verified = f.classification.sender.trust === 'verified';
  const name = verified ? sanitiseHeaderText(f.mail.from?.name ?? '', MAX_NAME) : '';
  const subject = verified
    ? sanitiseHeaderText(f.mail.subject, MAX_SUBJECT) || '(no subject)'
    : stringsFor(resolveLanguage(f.language)).receivedSubject;
  const base: Case = {
    tracking: f.tracking,
    status: 'new',
    customer: {
      address: f.customerAddress,
      ...(name ? { name } : {}),
      kind: 'individual',
    },
    participants: [f.customerAddress],
    subject,
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
    senderAuthentication: f.classification.sender,
    threadMessageIds: verified && f.mail.messageId ? [f.mail.messageId] : [],
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
      authentication: {
        trust: f.classification.sender.trust,
        spf: f.classification.sender.spf,
        dkim: f.classification.sender.dkim.map((d) => `${d.result}${d.domain ? `:${d.domain}` : ''}`),
        dmarc: f.classification.sender.dmarc,
      },
      type: f.type,
      topic: f.topic,
      ...(f.relatedTo ? { relatedTo: f.relatedTo } : {}),
    },
  });
  return { case: { ...base, eventSeq: event.seq, lastEventHash: event.hash }, event };
}
