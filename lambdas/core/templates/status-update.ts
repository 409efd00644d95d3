import { h, p, type Block } from './document';
import { greeting, howToReply, noticesSection, standardClosing } from './blocks';
import { formatDateTime } from './format';
import type { ProgressStage, RenderedMail, StatusUpdateInput } from './inputs';
import { languageOf, renderCaseMail } from './render-mail';
import type { Strings } from './strings';

function progressText(s: Strings, stage: ProgressStage): string {
  switch (stage) {
    case 'received':
      return s.progressReceived;
    case 'investigating':
      return s.progressInvestigating;
    case 'escalated':
      return s.progressEscalated;
    case 'waiting_third_party':
      return s.progressWaitingThirdParty;
  }
}

/**
 * The periodic status update while a case waits on us (DFS guidance: keep customers informed of open
 * inquiries): what is happening, the estimated resolution date (a change is stated explicitly, with the
 * old and new dates), when the next update comes, and active notices.
 */
export function statusUpdate(input: StatusUpdateInput): RenderedMail {
  const { language, s } = languageOf(input);
  const when = (d: Date): string => formatDateTime(d, s, input.timeZone);
  const blocks: Block[] = [
    greeting(s),
    p(s.statusIntro({ tracking: input.tracking })),
    h(s.statusHeading),
    p(progressText(s, input.progress)),
  ];
  if (input.detail?.trim()) blocks.push({ kind: 'quote', text: input.detail });
  const est = input.estimatedResolutionAt;
  const before = input.previousEstimatedResolutionAt;
  if (est && before && before.getTime() !== est.getTime()) {
    blocks.push(p(s.resolutionDateChanged({ before: when(before), after: when(est) })));
    if (input.resolutionChangeReason?.trim()) blocks.push(p(s.labelReason, input.resolutionChangeReason.trim()));
  } else if (est) {
    blocks.push(p(s.estimatedResolution({ when: when(est) })));
  }
  blocks.push(
    p(s.nextUpdate({ when: when(input.nextUpdateAt) })),
    ...noticesSection(s, input.notices, language, input.timeZone),
    ...howToReply(s, input),
    ...standardClosing(s, input.profile),
  );
  return renderCaseMail(input, language, blocks);
}
