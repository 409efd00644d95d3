import { DateTime } from 'luxon';
import { LruCache } from './lru-cache';

/**
 * Local days of an IANA zone, each computed with luxon once and then reused. Finding a zone's UTC offset
 * costs an `Intl.DateTimeFormat#formatToParts` call, and business-time walks ask luxon for the same few days
 * (today, the next two weeks) for every case; caching the days makes a walk step a map lookup.
 *
 * Exactness: a day is identified by luxon's own start-of-day instant, and every value kept on it (its end,
 * weekday, ISO date, the day before) is what luxon computes from that instant, so a cached day answers
 * exactly as a fresh luxon `DateTime` would. Only a *regular* day (see `isRegular`: no clock change within a
 * day of it, judged from the offsets at a few instants, which holds because no zone changes its clocks
 * twice within three days) is found from an instant without asking luxon; the day of an instant near a
 * clock change is found by luxon every time, as before. `business-time.ts` caches opening hours per day.
 */

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/**
 * Days kept over all zones: a deadline walk covers a few weeks from "now", so a container sees a few
 * dozen distinct days per zone. A walk longer than this (a calendar closed for years) still works; it only
 * evicts older days and recomputes them.
 */
export const LOCAL_DAY_CACHE_CAPACITY = 1024;

/** One local day in a zone, as luxon's start of that day. */
export interface LocalDay {
  /** The day's start, as the luxon DateTime the slow paths work from. */
  readonly dt: DateTime;
  readonly zone: string;
  /** UTC ms of the day's start (local midnight, or the first instant after a gap at midnight). */
  readonly start: number;
  /** UTC ms of the next day's start. */
  readonly end: number;
  /** ISO weekday, 1 = Monday. */
  readonly weekday: number;
  /** YYYY-MM-DD, '' for an invalid zone (as luxon's `toISODate()` gives null). */
  readonly isoDate: string;
  /** 24 hours long with the same UTC offset at both ends: no clock change inside. */
  readonly regular: boolean;
  /** The next day's start as luxon computed it, to build the next day without recomputing. */
  readonly nextDt: DateTime;
  /** The previous day's start, once asked for. */
  prevStart?: number;
}

/** Days by `zone start`, and regular days by `zone local-epoch-day` for finding the day of an instant. */
const byStart = new LruCache<string, LocalDay>(LOCAL_DAY_CACHE_CAPACITY);
const regularByDate = new LruCache<string, LocalDay>(LOCAL_DAY_CACHE_CAPACITY);
/** The UTC offset (minutes) of the last day found per zone: the guess for the next instant's local date. */
const lastOffset = new LruCache<string, number>(64);

function nextDayOf(day: DateTime): DateTime {
  return day.plus({ days: 1 }).startOf('day');
}

function previousDayOf(day: DateTime): DateTime {
  return day.minus({ days: 1 }).startOf('day');
}

/** The cached day that starts where `dt` (a luxon start of day) starts, created on first use. */
function dayFor(dt: DateTime, zone: string): LocalDay {
  const start = dt.toMillis();
  const key = `${zone} ${start}`;
  const cached = byStart.get(key);
  if (cached) return cached;
  const nextDt = nextDayOf(dt);
  const end = nextDt.toMillis();
  const day: LocalDay = {
    dt,
    zone,
    start,
    end,
    weekday: dt.weekday,
    isoDate: dt.toISODate() ?? '',
    regular: isRegular(dt, nextDt),
    nextDt,
  };
  byStart.set(key, day);
  if (day.regular) regularByDate.set(`${zone} ${localEpochDay(start, dt.offset)}`, day);
  return day;
}

/**
 * True when no wall time of the day is missing or repeated: it starts at 00:00, lasts 24 hours, and the
 * UTC offset is the same from a day before its start to a day after its end. The margin matters: where
 * clocks fall back at 01:00 to 00:00 (Havana), the day that starts at the second midnight is 24 hours of
 * one offset, yet its first hour of wall time also happened an hour before it began.
 */
function isRegular(dt: DateTime, nextDt: DateTime): boolean {
  const start = dt.toMillis();
  const end = nextDt.toMillis();
  const offset = dt.offset;
  return (
    end - start === MS_PER_DAY &&
    dt.hour === 0 &&
    dt.minute === 0 &&
    nextDt.offset === offset &&
    dt.zone.offset(start - MS_PER_DAY) === offset &&
    dt.zone.offset(end + MS_PER_DAY) === offset
  );
}

function localEpochDay(ms: number, offsetMinutes: number): number {
  return Math.floor((ms + offsetMinutes * MS_PER_MINUTE) / MS_PER_DAY);
}

/**
 * The local day containing `ms` in `zone`: the same day as `DateTime.fromMillis(ms, { zone }).startOf('day')`.
 * Inside a regular day the local date and its midnight are unambiguous, so a cached regular day that
 * contains `ms` is that day; anything else asks luxon.
 */
export function localDayOf(ms: number, zone: string): LocalDay {
  const guess = lastOffset.get(zone);
  if (guess !== undefined) {
    const day = regularByDate.get(`${zone} ${localEpochDay(ms, guess)}`);
    if (day && day.start <= ms && ms < day.end) return day;
  }
  const day = dayFor(DateTime.fromMillis(ms, { zone }).startOf('day'), zone);
  if (day.regular) lastOffset.set(zone, day.dt.offset);
  return day;
}

/** The day after `day` (luxon: plus one day, start of day). */
export function followingDay(day: LocalDay): LocalDay {
  return byStart.get(`${day.zone} ${day.end}`) ?? dayFor(day.nextDt, day.zone);
}

/** The day before `day` (luxon: minus one day, start of day). */
export function precedingDay(day: LocalDay): LocalDay {
  if (day.prevStart !== undefined) {
    const cached = byStart.get(`${day.zone} ${day.prevStart}`);
    if (cached) return cached;
  }
  const prev = previousDayOf(day.dt);
  day.prevStart = prev.toMillis();
  return dayFor(prev, day.zone);
}
