import { p, type Block } from './document';
import { howToReply, securityWarning, signature } from './blocks';
import type { AgentReplyInput, RenderedMail } from './inputs';
import { languageOf, renderCaseMail } from './render-mail';

/**
 * An agent's reply: the agent's own words first (kept as written, escaped in HTML), then a footer with the
 * tracking number, how to reply and the security warning. No automation disclosure: a person wrote it.
 */
export function agentReply(input: AgentReplyInput): RenderedMail {
  const { language, s } = languageOf(input);
  const blocks: Block[] = [{ kind: 'quote', text: input.body }];
  if (input.agentName) blocks.push(p(input.agentName));
  blocks.push(
    { kind: 'rule' },
    p(s.agentReplyFooter({ tracking: input.tracking })),
    ...howToReply(s, input),
    ...securityWarning(s),
    ...signature(s, input.profile),
  );
  return renderCaseMail(input, language, blocks);
}
