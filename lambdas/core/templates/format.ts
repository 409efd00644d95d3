import { DateTime, Duration, Info } from 'luxon';
import type { Strings } from './strings';

/**
 * Dates, times and durations in the customer's language and the firm's time zone. Everything goes
 * through Intl (via luxon), so no month or weekday name is written by hand and DST is handled by the
 * IANA database.
 */

/** A date and time with the zone's short name, e.g. "November 23, 2026 at 9:23 AM EST". */
export function formatDateTime(at: Date, strings: Strings, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).setLocale(strings.locale).toLocaleString(DateTime.DATETIME_FULL);
}

/** A calendar date only, e.g. "November 23, 2026" (for deadlines counted in days). */
export function formatDate(at: Date, strings: Strings, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).setLocale(strings.locale).toLocaleString(DateTime.DATE_FULL);
}

/** A duration such as "2 hours, 30 minutes" from a number of minutes, zero units left out. */
export function formatMinutes(minutes: number, strings: Strings): string {
  const whole = Math.max(0, Math.round(minutes));
  const days = Math.floor(whole / 1440);
  const hours = Math.floor((whole % 1440) / 60);
  const mins = whole % 60;
  const parts: Record<string, number> = {};
  if (days) parts.days = days;
  if (hours) parts.hours = hours;
  if (mins || whole === 0) parts.minutes = mins;
  return Duration.fromObject(parts, { locale: strings.locale }).toHuman({ unitDisplay: 'long', listStyle: 'long' });
}

/** Weekly business hours: ISO weekdays (1 = Monday ... 7 = Sunday) and opening times "HH:mm". */
export interface WeeklyHours {
  readonly kind: 'weekly';
  readonly days: readonly number[];
  readonly opens: string;
  readonly closes: string;
}

export type BusinessHoursNote = { readonly kind: '24x7' } | WeeklyHours;

/** Collapses runs of consecutive weekdays: [1,2,3,4,5,7] -> "Monday–Friday, Sunday" in the locale. */
function formatDays(days: readonly number[], strings: Strings): string {
  const names = Info.weekdays('long', { locale: strings.locale });
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const first = names[sorted[i]! - 1]!;
    const last = names[sorted[j]! - 1]!;
    runs.push(j === i ? first : j === i + 1 ? `${first}, ${last}` : `${first}–${last}`);
    i = j + 1;
  }
  return new Intl.ListFormat(strings.locale, { style: 'long', type: 'conjunction' }).format(runs);
}

function formatClock(hhmm: string, strings: Strings): string {
  const t = DateTime.fromFormat(hhmm, 'HH:mm', { zone: 'UTC' });
  return t.isValid ? t.setLocale(strings.locale).toLocaleString(DateTime.TIME_SIMPLE) : hhmm;
}

/** The business-hours sentence for the acknowledgement. */
export function formatBusinessHours(hours: BusinessHoursNote, strings: Strings, timeZone: string): string {
  if (hours.kind === '24x7') return strings.hours24x7;
  return strings.hoursWeekly({
    days: formatDays(hours.days, strings),
    hours: `${formatClock(hours.opens, strings)}–${formatClock(hours.closes, strings)}`,
    zone: timeZone,
  });
}
