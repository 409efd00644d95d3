import type { FirmProfile } from '../firm-profile';
import { noticeMessageFor, type Notice } from '../notice';
import { h, link, p, type Block } from './document';
import { formatDateTime, formatMinutes } from './format';
import type { CaseMailInput } from './inputs';
import type { Strings } from './strings';

/** Blocks shared by several mails: contact channels, security warning, disclosures, notices. */

const telHref = (phone: string): string => `tel:${phone.replace(/[^+\d]/g, '')}`;

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

export function greeting(s: Strings): Block {
  return p(s.greeting);
}

export function signature(s: Strings, profile: FirmProfile): Block[] {
  return [p(s.signOff), p(s.team({ firm: profile.firmName }))];
}

/** How to reply and check status: reply keeping the tracking number in the subject (threading). */
export function howToReply(s: Strings, input: CaseMailInput): Block[] {
  return [
    h(s.howToReplyHeading),
    p(s.howToReply({ tracking: input.tracking, address: input.replyAddress })),
    p(s.checkStatus({ tracking: input.tracking })),
  ];
}

/** The official phone number, the same-domain address, the FAQ, and which domain we write from. */
export function contactChannels(s: Strings, profile: FirmProfile): Block[] {
  const blocks: Block[] = [
    h(s.contactHeading),
    p(s.labelPhone, link(telHref(profile.phone), profile.phone)),
    p(s.labelEmail, link(`mailto:${profile.supportAddress}`, profile.supportAddress)),
    p(s.labelFaq, link(profile.faqUrl)),
  ];
  if (profile.statusUrl) blocks.push(p(s.labelServiceStatus, link(profile.statusUrl)));
  blocks.push(p(s.officialDomain({ domain: domainOf(profile.supportAddress) })));
  return blocks;
}

/** Staff never ask for passwords, private keys, seed phrases or 2FA codes (the phishing warning every acknowledgement carries). */
export function securityWarning(s: Strings): Block[] {
  return [h(s.securityHeading), p(s.securityWarning)];
}

/**
 * Automation disclosure: the message was sent automatically, a human handles the case, how to reach
 * a person (DFS guidance on disclosing automated customer service and offering a human).
 */
export function automationDisclosure(s: Strings, profile: FirmProfile): Block[] {
  if (!profile.automationDisclosure) return [];
  return [
    h(s.automationHeading),
    p(s.automationSent),
    p(s.automationHuman),
    p(s.automationReachPerson({ phone: profile.phone })),
  ];
}

/**
 * The complaint disclosure block: the firm's complaint address, phone and mailing address, and the
 * regulator the customer may also complain to (NYDFS customer-service guidance; the regulator's name, URL
 * and phone come from configuration so other regimes fit).
 */
export function complaintDisclosure(s: Strings, profile: FirmProfile): Block[] {
  const c = profile.complaints;
  return [
    h(s.complaintsHeading),
    p(s.complaintsFirm({ firm: profile.firmName })),
    {
      kind: 'list',
      ordered: false,
      items: [
        [s.labelEmail, link(`mailto:${c.address}`, c.address)],
        [s.labelPhone, link(telHref(c.phone), c.phone)],
        [s.labelPostalAddress, c.mailingAddress],
      ],
    },
    p(s.complaintsRegulator({ regulator: c.regulator.name })),
    {
      kind: 'list',
      ordered: false,
      items: [
        [
          s.labelWebsite,
          link(/^https?:\/\//i.test(c.regulator.url) ? c.regulator.url : `https://${c.regulator.url}`, c.regulator.url),
        ],
        [s.labelPhone, link(telHref(c.regulator.phone), c.regulator.phone)],
      ],
    },
  ];
}

/** One notice: kind, message (in the customer's language when translated), window and extra delay. */
export function noticeBlocks(s: Strings, notice: Notice, language: string, timeZone: string): Block[] {
  const from = formatDateTime(new Date(notice.startsAt), s, timeZone);
  const window = notice.endsAt
    ? s.noticeWindow({ from, to: formatDateTime(new Date(notice.endsAt), s, timeZone) })
    : s.noticeOpenEnded({ from });
  const lines: Block[] = [
    p(
      `${notice.kind === 'maintenance' ? s.noticeMaintenance : s.noticeIncident}: ${noticeMessageFor(notice, language)}`,
    ),
    p(window),
  ];
  if (notice.extraDelayMinutes > 0) lines.push(p(s.noticeDelay({ delay: formatMinutes(notice.extraDelayMinutes, s) })));
  return lines;
}

/** The "Service notices" section, or nothing when no notice is active. */
export function noticesSection(s: Strings, notices: readonly Notice[], language: string, timeZone: string): Block[] {
  if (notices.length === 0) return [];
  return [h(s.noticesHeading), ...notices.flatMap((n) => noticeBlocks(s, n, language, timeZone))];
}

/**
 * The closing every automatic case mail carries: official channels, the security warning, the automation
 * disclosure and the signature (the acknowledgement adds the complaint block before the rule).
 */
export function standardClosing(s: Strings, profile: FirmProfile): Block[] {
  return [
    ...contactChannels(s, profile),
    ...securityWarning(s),
    ...automationDisclosure(s, profile),
    { kind: 'rule' },
    ...signature(s, profile),
  ];
}
