import type { CaseType, Topic } from '../case';
import type { MailKind } from './classify';
import { detectLanguage, FALLBACK_LANGUAGE } from './language';
import { categorise } from './topic';

export interface CaseTraits {
  readonly language: string;
  readonly type: CaseType;
  readonly topic: Topic;
}

/**
 * Mail a machine wrote in answer to ours: a bounce quotes what we sent (our acknowledgement speaks of
 * complaints and 2FA) and an auto-reply says someone is away, so their words name neither the customer's
 * language nor a topic. Skipping them also spares the two costliest steps of the intake for such mail.
 */
const MACHINE_ANSWERS: ReadonlySet<MailKind> = new Set<MailKind>(['auto_reply', 'bounce']);

/** Language, type and topic of a new case, from what the sender wrote (the defaults for machine answers). */
export function caseTraits(mail: { readonly text: string; readonly subject: string }, kind: MailKind): CaseTraits {
  if (MACHINE_ANSWERS.has(kind)) return { language: FALLBACK_LANGUAGE, type: 'request', topic: 'other' };
  const { type, topic } = categorise(mail.text, mail.subject);
  return { language: detectLanguage(mail.text, mail.subject), type, topic };
}
