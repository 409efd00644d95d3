import { DateTime } from 'luxon';
import { ValidationError } from '../errors';
import { type BusinessCalendar, type Calendar, minutesOfDay, WEEKDAYS } from './calendar';
import type { Duration, OffsetDuration } from './duration';
import { followingDay, type LocalDay, localDayOf, precedingDay } from './local-day';

/**
 * Business-time arithmetic on a calendar. Every instant is a UTC `Date`; local days and opening hours
 * are resolved in the calendar's IANA zone with luxon, so a 09:00-17:00 day stays 8 hours long across a
 * DST change and a 00:00-24:00 day is 23 or 25 hours long on the change dates. Local days and their opening
 * intervals are cached (`local-day.ts`), with the same results as asking luxon afresh.
 */

/**
 * How far any walk over days may go before we give up: twenty years. A calendar that opens at least once
 * a week reaches any realistic target long before; only a holiday list that closes every day gets here.
 */
const MAX_DAYS_SCANNED = 366 * 20;

const MS_PER_MINUTE = 60_000;

type Interval = readonly [start: number, end: number];

const holidaySets = new WeakMap<BusinessCalendar, ReadonlySet<string>>();

/**
 * Opening intervals per calendar object and cached local day. Weak on both sides: an interval list lives only as long as
 * its calendar and its day (the day cache is bounded), and two calendar objects never share an entry,
 * whatever their settings. Like the holiday sets, this treats a calendar as an immutable value.
 */
const openByCalendar = new WeakMap<BusinessCalendar, WeakMap<LocalDay, readonly Interval[]>>();

function holidaysOf(cal: BusinessCalendar): ReadonlySet<string> {
  let set = holidaySets.get(cal);
  if (!set) {
    set = new Set(cal.holidays);
    holidaySets.set(cal, set);
  }
  return set;
}

/** How far from an instant the offsets of a clock change are looked for: more than any change's size. */
const CLOCK_CHANGE_REACH_MS = 3 * 3_600_000;

/**
 * The instant of a local wall time on `day`. A time inside a DST gap moves forward (luxon does that); a
 * time that occurs twice (the repeated hour of a fall-back day, or midnight where clocks fall back from
 * 01:00) is its first occurrence, as in RFC 5545 and Temporal's default. luxon alone would pick by the
 * offset the zone has at the real clock's "now", so a deadline would depend on the season it was computed in.
 */
function atLocalMinute(day: LocalDay, minute: number): number {
  if (minute >= 24 * 60) return day.end;
  const { dt } = day;
  const zone = dt.zone;
  const ms = DateTime.fromObject(
    { year: dt.year, month: dt.month, day: dt.day, hour: Math.floor(minute / 60), minute: minute % 60 },
    { zone },
  ).toMillis();
  const offset = zone.offset(ms);
  for (const other of [zone.offset(ms - CLOCK_CHANGE_REACH_MS), zone.offset(ms + CLOCK_CHANGE_REACH_MS)]) {
    // The same wall time under the other offset, if the zone really had that offset then: an earlier occurrence.
    const earlier = ms + (offset - other) * MS_PER_MINUTE;
    if (earlier < ms && zone.offset(earlier) === other) return earlier;
  }
  return ms;
}

function computeOpenIntervals(cal: BusinessCalendar, day: LocalDay): readonly Interval[] {
  if (holidaysOf(cal).has(day.isoDate)) return [];
  const hours = cal.weekly[WEEKDAYS[day.weekday - 1]!] ?? [];
  const out: Interval[] = [];
  for (const [start, end] of hours) {
    const s = atLocalMinute(day, minutesOfDay(start));
    const e = atLocalMinute(day, minutesOfDay(end));
    // An interval swallowed by a DST gap (e.g. 02:00-02:30 on spring-forward day) does not exist.
    if (e > s) out.push([s, e]);
  }
  return out;
}

/** Opening intervals of one local day as UTC milliseconds, ascending; none on a holiday. Cached per calendar object and day. */
function openIntervals(cal: BusinessCalendar, day: LocalDay): readonly Interval[] {
  let byDay = openByCalendar.get(cal);
  if (!byDay) {
    byDay = new WeakMap();
    openByCalendar.set(cal, byDay);
  }
  let open = byDay.get(day);
  if (!open) {
    open = computeOpenIntervals(cal, day);
    byDay.set(day, open);
  }
  return open;
}

function toMillis(d: Date, what: string): number {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) throw new ValidationError(`${what} is not a valid date`);
  return ms;
}

function tooFar(): never {
  throw new ValidationError('the calendar does not open within twenty years of the start');
}

/** Adds `ms` of open time to `start`; a start outside the hours rolls to the next opening first. */
function addBusinessMs(cal: BusinessCalendar, start: number, ms: number): number {
  let remaining = ms;
  let cursor = start;
  let day = localDayOf(start, cal.zone);
  for (let i = 0; i < MAX_DAYS_SCANNED; i++, day = followingDay(day)) {
    for (const [s, e] of openIntervals(cal, day)) {
      if (e <= cursor) continue;
      const from = Math.max(s, cursor);
      if (remaining <= e - from) return from + remaining;
      remaining -= e - from;
      cursor = e;
    }
  }
  return tooFar();
}

/** Goes back `ms` of open time from `end`; an end outside the hours rolls back to the last closing first. */
function subtractBusinessMs(cal: BusinessCalendar, end: number, ms: number): number {
  let remaining = ms;
  let cursor = end;
  let day = localDayOf(end, cal.zone);
  for (let i = 0; i < MAX_DAYS_SCANNED; i++, day = precedingDay(day)) {
    const intervals = openIntervals(cal, day);
    for (let k = intervals.length - 1; k >= 0; k--) {
      const [s, e] = intervals[k]!;
      if (s >= cursor) continue;
      const to = Math.min(e, cursor);
      if (remaining <= to - s) return to - remaining;
      remaining -= to - s;
      cursor = s;
    }
  }
  return tooFar();
}

/** Close of business on the n-th business day after the local day of `start`. */
function addBusinessDays(cal: Calendar, start: number, n: number): number {
  const day0 = localDayOf(start, cal.zone);
  if (cal.kind === '24x7')
    return day0.dt
      .plus({ days: n + 1 })
      .startOf('day')
      .toMillis();
  let count = 0;
  let day = day0;
  for (let i = 0; i < MAX_DAYS_SCANNED; i++) {
    day = followingDay(day);
    const intervals = openIntervals(cal, day);
    const last = intervals[intervals.length - 1];
    if (last && ++count === n) return last[1];
  }
  return tooFar();
}

/**
 * The instant `d` after `start` on `calendar`. Business durations start counting at the next opening when
 * `start` is outside business hours; see {@link Duration} for what each form means.
 *
 * @example
 * // Friday 16:00 New York + 2 business hours = Monday 10:00 (across a weekend and, in March, a DST change)
 * addDuration(new Date('2026-03-06T21:00:00Z'), { businessHours: 2 }, calendar); // 2026-03-09T14:00:00Z
 */
export function addDuration(start: Date, d: Duration, calendar: Calendar): Date {
  const t = toMillis(start, 'start');
  if ('minutes' in d) return new Date(t + d.minutes * MS_PER_MINUTE);
  if ('businessHours' in d) {
    const ms = d.businessHours * 60 * MS_PER_MINUTE;
    return new Date(calendar.kind === '24x7' ? t + ms : addBusinessMs(calendar, t, ms));
  }
  if ('businessDays' in d) return new Date(addBusinessDays(calendar, t, d.businessDays));
  const local = DateTime.fromMillis(t, { zone: calendar.zone });
  const later = 'calendarDays' in d ? local.plus({ days: d.calendarDays }) : local.plus({ months: d.calendarMonths });
  return later.toJSDate();
}

/**
 * The instant `d` before `end` (reminders before a breach). Business hours count backwards through open
 * time only; an `end` outside the hours counts back from the last closing.
 */
export function subtractDuration(end: Date, d: OffsetDuration, calendar: Calendar): Date {
  const t = toMillis(end, 'end');
  if ('minutes' in d) return new Date(t - d.minutes * MS_PER_MINUTE);
  const ms = d.businessHours * 60 * MS_PER_MINUTE;
  return new Date(calendar.kind === '24x7' ? t - ms : subtractBusinessMs(calendar, t, ms));
}

/**
 * Minutes of open time between `a` and `b` (fractional; negative when `b` is before `a`). On a 24x7
 * calendar this is the elapsed time.
 */
export function businessMinutesBetween(a: Date, b: Date, calendar: Calendar): number {
  const from = toMillis(a, 'a');
  const to = toMillis(b, 'b');
  if (to < from) return -businessMinutesBetween(b, a, calendar);
  if (calendar.kind === '24x7') return (to - from) / MS_PER_MINUTE;
  let total = 0;
  for (let day = localDayOf(from, calendar.zone); day.start < to; day = followingDay(day)) {
    for (const [s, e] of openIntervals(calendar, day)) {
      const overlap = Math.min(e, to) - Math.max(s, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MS_PER_MINUTE;
}

/** True when `at` lies within an opening interval (both ends included); always true on 24x7. */
export function isBusinessTime(at: Date, calendar: Calendar): boolean {
  if (calendar.kind === '24x7') return true;
  const t = toMillis(at, 'at');
  const day = localDayOf(t, calendar.zone);
  // The day before too: an interval closing at "24:00" ends at this day's midnight.
  return [...openIntervals(calendar, precedingDay(day)), ...openIntervals(calendar, day)].some(
    ([s, e]) => s <= t && t <= e,
  );
}

/** `at` itself when the calendar is open then, else the next opening (a closing instant counts as closed). */
export function nextOpening(at: Date, calendar: Calendar): Date {
  return addDuration(at, { businessHours: 0 }, calendar);
}
