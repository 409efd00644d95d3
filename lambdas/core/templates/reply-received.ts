import { p, type Block } from './document';
import { greeting, securityWarning, signature } from './blocks';
import { formatDateTime } from './format';
import type { RenderedMail, ReplyReceivedInput } from './inputs';
import { languageOf, renderCaseMail } from './render-mail';

/** The short "we received your update" sent on a customer reply when the firm enables it. */
export function replyReceived(input: ReplyReceivedInput): RenderedMail {
  const { language, s } = languageOf(input);
  const blocks: Block[] = [
    greeting(s),
    p(s.replyReceivedIntro({ tracking: input.tracking })),
    p(s.replyReceivedNoResend),
  ];
  if (input.expectedResponseAt) {
    blocks.push(p(s.expectedResponse({ when: formatDateTime(input.expectedResponseAt, s, input.timeZone) })));
  }
  blocks.push(...securityWarning(s), { kind: 'rule' }, ...signature(s, input.profile));
  return renderCaseMail(input, language, blocks);
}
