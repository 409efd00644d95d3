import { ValidationError } from '../errors';
import type { BusinessCalendar } from './calendar';
import { parseSlaPolicyConfig, type SlaPolicy, type SlaPolicyConfig, type SlaTargets } from './policy';

/**
 * US federal holidays 2026-2027 as observed (5 U.S.C. 6103; a Saturday holiday is observed the Friday
 * before, a Sunday one the Monday after, per OPM). Data, not a rule: extend the list each year. Kept by
 * hand rather than computed at run time (date-holidays would add its data to every bundle, and a new
 * year's dates must not change the policy's version by themselves); a test checks the list against
 * date-holidays and fails six months before the list runs out.
 */
export const US_FEDERAL_HOLIDAYS_2026_2027: readonly string[] = [
  '2026-01-01', // New Year's Day
  '2026-01-19', // Birthday of Martin Luther King, Jr.
  '2026-02-16', // Washington's Birthday
  '2026-05-25', // Memorial Day
  '2026-06-19', // Juneteenth
  '2026-07-03', // Independence Day (July 4 is a Saturday)
  '2026-09-07', // Labor Day
  '2026-10-12', // Columbus Day
  '2026-11-11', // Veterans Day
  '2026-11-26', // Thanksgiving Day
  '2026-12-25', // Christmas Day
  '2027-01-01', // New Year's Day
  '2027-01-18', // Birthday of Martin Luther King, Jr.
  '2027-02-15', // Washington's Birthday
  '2027-05-31', // Memorial Day
  '2027-06-18', // Juneteenth (June 19 is a Saturday)
  '2027-07-05', // Independence Day (July 4 is a Sunday)
  '2027-09-06', // Labor Day
  '2027-10-11', // Columbus Day
  '2027-11-11', // Veterans Day
  '2027-11-25', // Thanksgiving Day
  '2027-12-24', // Christmas Day (December 25 is a Saturday)
  '2027-12-31', // New Year's Day 2028 (January 1 is a Saturday)
];

const NINE_TO_FIVE: [string, string][] = [['09:00', '17:00']];

/** Default calendar of every preset: New York, Monday to Friday 09:00-17:00, US federal holidays. */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  kind: 'business',
  zone: 'America/New_York',
  weekly: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE },
  holidays: [...US_FEDERAL_HOLIDAYS_2026_2027],
};

/**
 * Our defaults. 23 NYCRR and the DFS customer-service guidance name no numbers; these are the times we
 * state to customers. A first reply "within 1 business day" is counted as 8 business hours (one day of the
 * default calendar) so the clock rolls from the minute the mail arrived.
 */
const NYDFS_REQUEST: SlaTargets = {
  firstResponse: { businessHours: 8 },
  nextResponse: { businessHours: 8 },
  statusUpdateInterval: { businessDays: 5 },
  resolution: { businessDays: 10 },
  reminderBefore: { businessHours: 2 },
  autoClosePendingAfter: { calendarDays: 14 },
};

const NYDFS_COMPLAINT: SlaTargets = {
  ...NYDFS_REQUEST,
  resolution: { businessDays: 15 },
  resolutionHardCap: { calendarDays: 60 },
};

const nydfs: SlaPolicyConfig = {
  name: 'nydfs',
  basis:
    'Docket defaults for NYDFS customer-service expectations (DFS names no numbers; these are ours): ' +
    'acknowledgement within minutes, first human reply within 1 business day, status update at least every ' +
    '5 business days, requests resolved within 10 business days, complaints within 15 business days and ' +
    'never beyond 60 calendar days.',
  calendar: DEFAULT_CALENDAR,
  acknowledgeWithin: { minutes: 5 },
  targets: { request: NYDFS_REQUEST, complaint: NYDFS_COMPLAINT },
  overrides: [
    {
      match: { priority: 'urgent' },
      targets: {
        firstResponse: { businessHours: 1 },
        nextResponse: { businessHours: 1 },
        reminderBefore: { minutes: 15 },
      },
    },
    {
      match: { priority: 'high' },
      targets: {
        firstResponse: { businessHours: 4 },
        nextResponse: { businessHours: 4 },
        reminderBefore: { minutes: 30 },
      },
    },
  ],
};

const mica: SlaPolicyConfig = {
  ...nydfs,
  name: 'mica',
  basis:
    'MiCA complaints handling (Regulation (EU) 2023/1114 Art. 71 and its RTS): a decision on a complaint ' +
    'within two months of receipt; when it is late the complainant is told why and when to expect it. ' +
    'Other times are the Docket defaults.',
  targets: {
    request: NYDFS_REQUEST,
    complaint: { ...NYDFS_REQUEST, resolution: { calendarMonths: 2 }, explainDelay: true },
  },
};

const fca: SlaPolicyConfig = {
  ...nydfs,
  name: 'fca',
  basis:
    'FCA DISP 1.6.2R: a final response to a complaint within eight weeks of receipt, or a written ' +
    'response explaining why it is late and when it is expected. Other times are the Docket defaults.',
  targets: {
    request: NYDFS_REQUEST,
    complaint: { ...NYDFS_REQUEST, resolution: { calendarDays: 56 }, explainDelay: true },
  },
};

/** Transfer disputes: complaints on money movement and fraud. */
const DISPUTE_TOPICS = ['withdrawal', 'deposit', 'fraud'] as const;

const rege: SlaPolicyConfig = {
  ...nydfs,
  name: 'rege',
  basis:
    'Disputed-transfer track modelled on Regulation E (12 CFR 1005.11(c)): a decision within 10 business ' +
    'days, extended to at most 45 calendar days; complaints on withdrawals, deposits and fraud. ' +
    'Everything else follows the nydfs defaults.',
  overrides: [
    ...nydfs.overrides,
    ...DISPUTE_TOPICS.map((topic) => ({
      match: { caseType: 'complaint' as const, topic },
      targets: { resolution: { businessDays: 10 }, resolutionHardCap: { calendarDays: 45 }, explainDelay: true },
    })),
  ],
};

const PRESETS = { nydfs, mica, fca, rege } as const;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/**
 * A named preset, validated and versioned. Throws `ValidationError` for an unknown name, so a typo in
 * `SLA_PRESET` fails at cold start instead of running without deadlines.
 */
export function getPreset(name: string): SlaPolicy {
  if (!Object.hasOwn(PRESETS, name)) {
    throw new ValidationError(`unknown SLA preset "${name}" (known: ${PRESET_NAMES.join(', ')})`);
  }
  return parseSlaPolicyConfig(PRESETS[name as PresetName]);
}
