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
 * Mail a machine sent, which nobody answers (RFC 3834): a bounce quotes what we sent (our acknowledgement
 * speaks of complaints and 2FA), an auto-reply says someone is away, a list or no-reply sender mails
 * newsletters and notices (a "deposit bonus" offer is no deposit case). Their words name neither a customer's
 * language nor a topic, and skipping them spares such mail the two costliest steps of the intake.
 */
const MACHINE_MAIL: ReadonlySet<MailKind> = new Set<MailKind>(['auto_reply', 'bounce', 'list', 'no_reply']);

/** Language, type and topic of a new case, from what the sender wrote (the defaults for machine mail). */
export function caseTraits(mail: { readonly text: string; readonly subject: string }, kind: MailKind): CaseTraits {
  if (MACHINE_MAIL.has(kind)) return { language: FALLBACK_LANGUAGE, type: 'request', topic: 'other' };
  const { type, topic } = categorise(mail.text, mail.subject);
  return { language: detectLanguage(mail.text, mail.subject), type, topic };
}
