import { p, type Block } from './document';
import { greeting, noticeBlocks, standardClosing } from './blocks';
import type { NoticeMailInput, RenderedMail } from './inputs';
import { languageOf, renderCaseMail } from './render-mail';

/**
 * Proactive notice of a maintenance window or incident to a customer with an open case (DFS guidance:
 * notify customers of expected delays during planned and unplanned events).
 */
export function notice(input: NoticeMailInput): RenderedMail {
  const { language, s } = languageOf(input);
  const blocks: Block[] = [
    greeting(s),
    p(s.noticeMailIntro({ tracking: input.tracking })),
    ...noticeBlocks(s, input.notice, language, input.timeZone),
    p(s.noticeMailClosing),
    ...standardClosing(s, input.profile),
  ];
  return renderCaseMail(input, language, blocks);
}
