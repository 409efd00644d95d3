import { p, type Block } from './document';
import { greeting, standardClosing } from './blocks';
import { formatDate } from './format';
import type { AutoCloseInput, RenderedMail } from './inputs';
import { languageOf, renderCaseMail } from './render-mail';

/** Tells the customer a pending case was closed for lack of reply, and how to reopen it. */
export function autoClose(input: AutoCloseInput): RenderedMail {
  const { language, s } = languageOf(input);
  const blocks: Block[] = [
    greeting(s),
    p(s.autoCloseIntro({ tracking: input.tracking, since: formatDate(input.waitingSince, s, input.timeZone) })),
    p(s.autoCloseReopen({ until: formatDate(input.reopenUntil, s, input.timeZone) })),
    ...standardClosing(s, input.profile),
  ];
  return renderCaseMail(input, language, blocks);
}
