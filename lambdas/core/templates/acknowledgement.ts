import { h, p, type Block } from './document';
import {
  automationDisclosure,
  complaintDisclosure,
  contactChannels,
  greeting,
  howToReply,
  noticesSection,
  securityWarning,
  signature,
} from './blocks';
import { formatBusinessHours, formatDateTime } from './format';
import type { AcknowledgementInput, RenderedMail } from './inputs';
import { languageOf, renderCaseMail } from './render-mail';

/**
 * The automatic acknowledgement of a new case (DFS guidance: acknowledge with a tracking number and a
 * stated response time). Body order, most important first: (a) tracking number, (b) the process in plain
 * steps, (c) the expected response time with business hours, surge and notices; then how to reply and
 * check status, official channels, the security warning, the automation and complaint disclosures.
 */
export function acknowledgement(input: AcknowledgementInput): RenderedMail {
  const { language, s } = languageOf(input);
  const when = (d: Date): string => formatDateTime(d, s, input.timeZone);
  const blocks: Block[] = [
    greeting(s),
    p(s.ackIntro),
    p(s.trackingNumber({ tracking: input.tracking })),
    h(s.processHeading),
    { kind: 'list', ordered: true, items: s.processSteps.map((step) => [step]) },
    h(s.responseTimeHeading),
    p(s.expectedResponse({ when: when(input.expectedResponseAt) })),
  ];
  if (input.estimatedResolutionAt) blocks.push(p(s.estimatedResolution({ when: when(input.estimatedResolutionAt) })));
  if (input.businessHours) blocks.push(p(formatBusinessHours(input.businessHours, s, input.timeZone)));
  if (input.surge) blocks.push(p(s.surgeNote));
  blocks.push(
    ...noticesSection(s, input.notices, language, input.timeZone),
    ...howToReply(s, input),
    ...contactChannels(s, input.profile),
    ...securityWarning(s),
    ...automationDisclosure(s, input.profile),
    ...complaintDisclosure(s, input.profile),
    { kind: 'rule' },
    ...signature(s, input.profile),
  );
  return renderCaseMail(input, language, blocks);
}
