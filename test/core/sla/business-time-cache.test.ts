import fc from 'fast-check';
import { IANAZone, Settings } from 'luxon';
import {
  addDuration,
  businessMinutesBetween,
  type Calendar,
  CalendarSchema,
  DEFAULT_CALENDAR,
  type Duration,
  isBusinessTime,
  nextOpening,
  type OffsetDuration,
  subtractDuration,
} from '../../../lambdas/core/sla';
import { LOCAL_DAY_CACHE_CAPACITY } from '../../../lambdas/core/sla/local-day';
import * as reference from './business-time-reference';

/**
 * Differential test: the cached business-time arithmetic against the uncached original
 * (business-time-reference.ts), over two years of instants in zones with every kind of clock change,
 * more densely around each change, with durations from minutes to weeks.
 */

const HOUR = 3_600_000;
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2028, 0, 1);

type Hours = [string, string][];
const week = (hours: Hours, days = ['mon', 'tue', 'wed', 'thu', 'fri']): Record<string, Hours> =>
  Object.fromEntries(days.map((d) => [d, hours]));
const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const business = (zone: string, weekly: Record<string, Hours>, holidays: string[] = []): Calendar =>
  CalendarSchema.parse({ kind: 'business', zone, weekly, holidays });

/** Boundaries in and around the small hours, where the clock changes happen in most zones. */
const SMALL_HOURS: Hours = [
  ['00:00', '00:30'],
  ['00:45', '01:30'],
  ['01:45', '02:15'],
  ['02:30', '03:00'],
  ['09:00', '17:00'],
  ['23:30', '24:00'],
];

const CALENDARS: Record<string, Calendar> = {
  'New York, the default calendar': DEFAULT_CALENDAR,
  'New York, small hours every day': business('America/New_York', week(SMALL_HOURS, EVERY_DAY), ['2026-11-26']),
  'New York, all day every day': business('America/New_York', week([['00:00', '24:00']], EVERY_DAY)),
  'London, lunch break': business(
    'Europe/London',
    week([
      ['09:00', '12:00'],
      ['13:00', '17:30'],
    ]),
    ['2026-12-25', '2027-03-29'],
  ),
  'London, small hours on weekends': business('Europe/London', {
    ...week([['08:00', '18:00']]),
    ...week(SMALL_HOURS, ['sat', 'sun']),
  }),
  // +05:30 all year: no clock change, a half-hour offset.
  'Kolkata, six days': business(
    'Asia/Kolkata',
    week([['09:30', '18:00']], ['mon', 'tue', 'wed', 'thu', 'fri', 'sat']),
    ['2026-01-26', '2026-08-15'],
  ),
  // Half-hour DST.
  'Lord Howe, small hours every day': business('Australia/Lord_Howe', week(SMALL_HOURS, EVERY_DAY)),
  // Clocks change at midnight: the day after spring-forward starts at 01:00.
  'Santiago, all day every day': business('America/Santiago', week([['00:00', '24:00']], EVERY_DAY)),
  // Clocks fall back from 01:00 to 00:00: local midnight happens twice.
  'Havana, small hours every day': business('America/Havana', week(SMALL_HOURS, EVERY_DAY)),
  'New York, 24x7': { kind: '24x7', zone: 'America/New_York' },
  'Havana, 24x7': { kind: '24x7', zone: 'America/Havana' },
};

/** Instants where the zone's UTC offset changes within [FROM, TO), to the hour. */
function clockChanges(zone: string): number[] {
  const z = IANAZone.create(zone);
  const out: number[] = [];
  for (let t = FROM; t < TO; t += HOUR) if (z.offset(t) !== z.offset(t + HOUR)) out.push(t + HOUR);
  return out;
}

/** Every ~131 hours over the two years, drifting through the hours of the day. */
function spreadInstants(): number[] {
  const out: number[] = [];
  for (let t = FROM + 7 * 60_000; t < TO; t += 131 * HOUR + 13 * 60_000) out.push(t);
  return out;
}

/** Every 125 minutes within a day of each clock change of the zone (so each falls on other minutes). */
function instantsAroundChanges(zone: string): number[] {
  const step = 125 * 60_000;
  return clockChanges(zone).flatMap((change) =>
    Array.from({ length: 23 }, (_, k) => change - 24 * HOUR + 15 * 60_000 + k * step),
  );
}

const DURATIONS: Duration[] = [
  { minutes: 5 },
  { businessHours: 0 },
  { businessHours: 0.25 },
  { businessHours: 1 },
  { businessHours: 2.5 },
  { businessHours: 8 },
  { businessHours: 40 },
  { businessHours: 60 },
  { businessDays: 1 },
  { businessDays: 5 },
  { businessDays: 15 },
  { calendarDays: 14 },
  { calendarMonths: 2 },
];
const OFFSETS: OffsetDuration[] = [
  { minutes: 30 },
  { businessHours: 0.5 },
  { businessHours: 2 },
  { businessHours: 24 },
];

type Outcome = string | number | boolean;
/** An error is an outcome too: both sides must refuse the same inputs. */
function outcome(f: () => Date | number | boolean): Outcome {
  try {
    const v = f();
    return v instanceof Date ? v.toISOString() : v;
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

/**
 * The reference is the arithmetic as it was before the day cache, which resolved a wall time that occurs
 * twice by the offset the zone has at luxon's "now". With "now" at an instant when the zone keeps its
 * summer time (its larger offset, the one in force before a fall-back) that is the first occurrence, as
 * `business-time.ts` resolves it whatever the clock says.
 */
function asReference<T>(cal: Calendar, f: () => T): T {
  const zone = IANAZone.create(cal.zone);
  const summer = [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)].reduce((a, b) =>
    zone.offset(b) > zone.offset(a) ? b : a,
  );
  const now = Settings.now;
  Settings.now = () => summer;
  try {
    return f();
  } finally {
    Settings.now = now;
  }
}

/** Every public function on one instant: [what, cached, reference]. */
function compare(cal: Calendar, t: number, i: number): [string, Outcome, Outcome][] {
  const at = new Date(t);
  const d = DURATIONS[i % DURATIONS.length]!;
  const d2 = DURATIONS[(i * 7 + 3) % DURATIONS.length]!;
  const off = OFFSETS[i % OFFSETS.length]!;
  const later = new Date(t + ((i * 37) % 400) * HOUR);
  return [
    [
      `addDuration ${JSON.stringify(d)}`,
      outcome(() => addDuration(at, d, cal)),
      outcome(() => asReference(cal, () => reference.addDuration(at, d, cal))),
    ],
    [
      `addDuration ${JSON.stringify(d2)}`,
      outcome(() => addDuration(at, d2, cal)),
      outcome(() => asReference(cal, () => reference.addDuration(at, d2, cal))),
    ],
    [
      `subtractDuration ${JSON.stringify(off)}`,
      outcome(() => subtractDuration(at, off, cal)),
      outcome(() => asReference(cal, () => reference.subtractDuration(at, off, cal))),
    ],
    [
      `businessMinutesBetween to ${later.toISOString()}`,
      outcome(() => businessMinutesBetween(at, later, cal)),
      outcome(() => asReference(cal, () => reference.businessMinutesBetween(at, later, cal))),
    ],
    [
      'isBusinessTime',
      outcome(() => isBusinessTime(at, cal)),
      outcome(() => asReference(cal, () => reference.isBusinessTime(at, cal))),
    ],
    [
      'nextOpening',
      outcome(() => nextOpening(at, cal)),
      outcome(() => asReference(cal, () => reference.nextOpening(at, cal))),
    ],
  ];
}

function mismatches(cal: Calendar, instants: number[]): string[] {
  const out: string[] = [];
  instants.forEach((t, i) => {
    for (const [what, cached, expected] of compare(cal, t, i))
      if (cached !== expected)
        out.push(`${new Date(t).toISOString()} ${what}: ${String(cached)}, expected ${String(expected)}`);
  });
  return out;
}

const realNow = Settings.now;
afterAll(() => {
  Settings.now = realNow;
});

describe('cached business time', () => {
  beforeAll(() => {
    Settings.now = () => Date.UTC(2026, 6, 15);
  });

  it.each(Object.keys(CALENDARS))('gives the uncached instants over two years on %s', (name) => {
    expect(mismatches(CALENDARS[name]!, spreadInstants()).slice(0, 10)).toEqual([]);
  });

  // A wall time that occurs twice (the repeated hour) resolves to its first occurrence whatever the clock
  // says: around the clock changes the cached side runs with "now" in northern summer and in northern
  // winter, the cache shared between the two, against the one reference answer.
  it.each(
    Object.keys(CALENDARS).flatMap((name) => [
      [name, 'summer', Date.UTC(2026, 6, 15)] as const,
      [name, 'winter', Date.UTC(2026, 0, 15)] as const,
    ]),
  )('gives the uncached instants around the clock changes on %s, "now" in northern %s', (name, _season, now) => {
    Settings.now = () => now;
    const cal = CALENDARS[name]!;
    expect(mismatches(cal, instantsAroundChanges(cal.zone)).slice(0, 10)).toEqual([]);
  });
});

describe('cached business time on random inputs', () => {
  it('agrees with the uncached arithmetic on any calendar, instant and duration', () => {
    const calendar = fc.constantFrom(...Object.values(CALENDARS));
    const instant = fc.integer({ min: FROM / 1000, max: TO / 1000 }).map((s) => s * 1000);
    fc.assert(
      fc.property(calendar, instant, fc.nat(), (cal, t, i) => {
        for (const [what, cached, expected] of compare(cal, t, i)) expect([what, cached]).toEqual([what, expected]);
      }),
      { numRuns: 300 },
    );
  });

  it('visits more days than the cache holds, so eviction is part of what is compared', () => {
    const zones = new Set(Object.values(CALENDARS).map((c) => c.zone));
    expect(zones.size * ((TO - FROM) / (24 * HOUR))).toBeGreaterThan(2 * LOCAL_DAY_CACHE_CAPACITY);
  });
});

describe('the day cache and calendars', () => {
  it('does not carry one calendar’s hours over to another with the same zone', () => {
    const early = business('America/New_York', week([['08:00', '12:00']]));
    const late = business('America/New_York', week([['13:00', '17:00']]));
    const monday = new Date('2026-06-01T11:00:00Z'); // 07:00 EDT
    expect(nextOpening(monday, early).toISOString()).toBe('2026-06-01T12:00:00.000Z');
    expect(nextOpening(monday, late).toISOString()).toBe('2026-06-01T17:00:00.000Z');
    expect(nextOpening(monday, early).toISOString()).toBe('2026-06-01T12:00:00.000Z');
  });

  it('does not carry one calendar’s holidays over to another', () => {
    const withHoliday = business('America/New_York', week([['09:00', '17:00']]), ['2026-06-01']);
    const without = business('America/New_York', week([['09:00', '17:00']]));
    const monday = new Date('2026-06-01T12:00:00Z');
    expect(nextOpening(monday, without).toISOString()).toBe('2026-06-01T13:00:00.000Z');
    expect(nextOpening(monday, withHoliday).toISOString()).toBe('2026-06-02T13:00:00.000Z');
  });
});
