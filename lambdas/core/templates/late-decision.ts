import { ValidationError } from '../errors';
import { h, p, type Block } from './document';
import { complaintDisclosure, greeting, securityWarning, signature } from './blocks';
import { formatDateTime } from './format';
import type { LateDecisionInput, RenderedMail } from './inputs';
import { languageOf, renderCaseMail } from './render-mail';

/**
 * Tells a complainant that the decision is late, why, and when to expect it (MiCA Art. 71 and the ESMA
 * complaint-handling guidelines: when a decision cannot be given in time, the client is told the reasons
 * and when it is expected), with the complaint disclosure block so the regulator route stays visible.
 */
export function lateDecision(input: LateDecisionInput): RenderedMail {
  if (!input.reason.trim()) throw new ValidationError('a late-decision notice must say why the decision is late');
  const { language, s } = languageOf(input);
  const blocks: Block[] = [
    greeting(s),
    p(s.lateIntro({ tracking: input.tracking })),
    h(s.lateReasonHeading),
    { kind: 'quote', text: input.reason },
    p(s.lateExpected({ when: formatDateTime(input.expectedDecisionAt, s, input.timeZone) })),
    p(s.lateApology),
    ...complaintDisclosure(s, input.profile),
    ...securityWarning(s),
    { kind: 'rule' },
    ...signature(s, input.profile),
  ];
  return renderCaseMail(input, language, blocks);
}
