import { ValidationError } from '../errors';
import { h, link, p, type Block, type Inline } from './document';
import { complaintDisclosure, contactChannels, greeting, securityWarning, signature } from './blocks';
import { formatDate } from './format';
import type { RenderedMail, ResolutionInput, SatisfactionScore } from './inputs';
import { languageOf, renderCaseMail } from './render-mail';

const SCORES: readonly SatisfactionScore[] = [1, 2, 3, 4, 5];

/**
 * The closing mail: outcome, the explanation (DFS guidance asks for a detailed explanation when the case
 * is not resolved to the customer's satisfaction, so it is required unless the outcome is full), how to
 * reopen or escalate, the complaint disclosure block and one-click satisfaction links 1-5.
 */
export function resolution(input: ResolutionInput): RenderedMail {
  if (input.outcome !== 'full' && !input.explanation.trim()) {
    throw new ValidationError('an explanation is required unless the outcome is full');
  }
  const { language, s } = languageOf(input);
  const outcome = { full: s.outcomeFull, partial: s.outcomePartial, denied: s.outcomeDenied }[input.outcome];
  const blocks: Block[] = [greeting(s), p(s.resolutionIntro({ tracking: input.tracking })), p(outcome)];
  if (input.explanation.trim()) blocks.push(h(s.explanationHeading), { kind: 'quote', text: input.explanation });
  blocks.push(
    h(s.reopenHeading),
    p(s.reopen({ until: formatDate(input.reopenUntil, s, input.timeZone) })),
    p(s.escalate),
  );
  if (input.ratingUrl) {
    const rate = input.ratingUrl;
    const items: Inline[][] = SCORES.map((score) => [link(rate(score), String(score))]);
    blocks.push(h(s.ratingHeading), p(s.ratingPrompt), { kind: 'list', ordered: false, items });
  }
  blocks.push(
    ...complaintDisclosure(s, input.profile),
    ...contactChannels(s, input.profile),
    ...securityWarning(s),
    { kind: 'rule' },
    ...signature(s, input.profile),
  );
  return renderCaseMail(input, language, blocks);
}
