import fc from 'fast-check';
import { Settings } from 'luxon';
import { ValidationError } from '../../../lambdas/core/errors';
import {
  addDuration,
  businessMinutesBetween,
  type Calendar,
  CalendarSchema,
  type Duration,
  DEFAULT_CALENDAR,
  isBusinessTime,
  nextOpening,
  subtractDuration,
} from '../../../lambdas/core/sla';

const NY = DEFAULT_CALENDAR;
const ALWAYS: Calendar = { kind: '24x7', zone: 'America/New_York' };
const ALL_DAY: [string, string][] = [['00:00', '24:00']];
const NY_ALL_DAY: Calendar = CalendarSchema.parse({
  kind: 'business',
  zone: 'America/New_York',
  weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
});
const LUNCH: [string, string][] = [
  ['09:00', '12:00'],
  ['13:00', '17:00'],
];
const LONDON_LUNCH: Calendar = CalendarSchema.parse({
  kind: 'business',
  zone: 'Europe/London',
  weekly: { mon: LUNCH, tue: LUNCH, wed: LUNCH, thu: LUNCH, fri: LUNCH },
});
/** Lord Howe Island shifts its clocks by 30 minutes: a DST rule that breaks whole-hour shortcuts. */
const LORD_HOWE: Calendar = CalendarSchema.parse({
  kind: 'business',
  zone: 'Australia/Lord_Howe',
  weekly: {
    mon: [['08:30', '18:00']],
    wed: [
      ['00:00', '03:00'],
      ['22:00', '24:00'],
    ],
    sat: [['10:00', '14:00']],
  },
  holidays: ['2026-04-06'],
});

const at = (iso: string): Date => new Date(iso);

describe('addDuration', () => {
  it.each<[string, string, Duration, Calendar, string]>([
    [
      'crosses a weekend and the spring-forward change (2026-03-08)',
      '2026-03-06T21:00:00Z',
      { businessHours: 2 },
      NY,
      '2026-03-09T14:00:00.000Z',
    ],
    [
      'crosses a weekend and the fall-back change (2026-11-01)',
      '2026-10-30T20:00:00Z',
      { businessHours: 2 },
      NY,
      '2026-11-02T15:00:00.000Z',
    ],
    ['skips Thanksgiving (2026-11-26)', '2026-11-25T21:00:00Z', { businessHours: 2 }, NY, '2026-11-27T15:00:00.000Z'],
    [
      'rolls a Saturday start to Monday opening',
      '2026-03-07T17:00:00Z',
      { businessHours: 0.5 },
      NY,
      '2026-03-09T13:30:00.000Z',
    ],
    [
      'rolls a start before opening to the opening',
      '2026-06-02T12:00:00Z',
      { businessHours: 1 },
      NY,
      '2026-06-02T14:00:00.000Z',
    ],
    ['ends exactly at close of business', '2026-06-02T13:00:00Z', { businessHours: 8 }, NY, '2026-06-02T21:00:00.000Z'],
    ['skips a lunch break', '2026-06-02T10:00:00Z', { businessHours: 2 }, LONDON_LUNCH, '2026-06-02T13:00:00.000Z'],
    [
      'counts business days from the day after, skipping a holiday',
      '2026-11-23T15:00:00Z',
      { businessDays: 3 },
      NY,
      '2026-11-27T22:00:00.000Z',
    ],
    [
      'counts one business day from a Saturday as Monday',
      '2026-03-07T17:00:00Z',
      { businessDays: 1 },
      NY,
      '2026-03-09T21:00:00.000Z',
    ],
    [
      'keeps the local wall time over calendar days across DST',
      '2026-03-01T17:00:00Z',
      { calendarDays: 60 },
      NY,
      '2026-04-30T16:00:00.000Z',
    ],
    [
      'adds calendar months to the same day of the month',
      '2026-01-31T15:00:00Z',
      { calendarMonths: 2 },
      NY,
      '2026-03-31T14:00:00.000Z',
    ],
    [
      'adds minutes as elapsed time whatever the calendar',
      '2026-03-08T08:00:00Z',
      { minutes: 5 },
      NY,
      '2026-03-08T08:05:00.000Z',
    ],
    [
      'on 24x7 adds elapsed hours across the spring-forward gap',
      '2026-03-08T06:00:00Z',
      { businessHours: 3 },
      ALWAYS,
      '2026-03-08T09:00:00.000Z',
    ],
    [
      'on 24x7 ends a business day at local midnight',
      '2026-03-07T20:00:00Z',
      { businessDays: 1 },
      ALWAYS,
      '2026-03-09T04:00:00.000Z',
    ],
  ])('%s', (_name, start, d, cal, expected) => {
    expect(addDuration(at(start), d, cal).toISOString()).toBe(expected);
  });

  it('refuses an invalid start date', () => {
    expect(() => addDuration(new Date('nope'), { businessHours: 1 }, NY)).toThrow(ValidationError);
  });
});

describe('subtractDuration', () => {
  it.each<[string, string, Duration & ({ minutes: number } | { businessHours: number }), Calendar, string]>([
    [
      'goes back across a weekend and the spring-forward change',
      '2026-03-09T14:00:00Z',
      { businessHours: 2 },
      NY,
      '2026-03-06T21:00:00.000Z',
    ],
    [
      'counts back from the last closing when the end is outside hours',
      '2026-06-06T16:00:00Z',
      { businessHours: 1 },
      NY,
      '2026-06-05T20:00:00.000Z',
    ],
    ['subtracts minutes as elapsed time', '2026-06-06T16:00:00Z', { minutes: 30 }, NY, '2026-06-06T15:30:00.000Z'],
  ])('%s', (_name, end, d, cal, expected) => {
    expect(subtractDuration(at(end), d, cal).toISOString()).toBe(expected);
  });
});

describe('businessMinutesBetween', () => {
  it.each<[string, string, string, Calendar, number]>([
    ['counts 23 hours on the spring-forward day', '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', NY_ALL_DAY, 23 * 60],
    ['counts 25 hours on the fall-back day', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', NY_ALL_DAY, 25 * 60],
    ['counts only open time over a weekend', '2026-03-06T21:00:00Z', '2026-03-09T14:00:00Z', NY, 120],
    ['leaves out Thanksgiving', '2026-11-25T05:00:00Z', '2026-11-28T05:00:00Z', NY, 2 * 8 * 60],
    ['is elapsed time on 24x7', '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z', ALWAYS, 48 * 60],
    ['is negative when the end comes first', '2026-03-09T14:00:00Z', '2026-03-06T21:00:00Z', NY, -120],
  ])('%s', (_name, a, b, cal, expected) => {
    expect(businessMinutesBetween(at(a), at(b), cal)).toBe(expected);
  });

  it('does not count an opening hour swallowed by the spring-forward gap', () => {
    const cal = CalendarSchema.parse({
      kind: 'business',
      zone: 'America/New_York',
      weekly: { sun: [['02:00', '03:00']] },
    });
    expect(businessMinutesBetween(at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'), cal)).toBe(0);
    expect(businessMinutesBetween(at('2026-03-15T04:00:00Z'), at('2026-03-16T04:00:00Z'), cal)).toBe(60);
  });
});

describe('clock changes in other zones', () => {
  const weekdays = (hours: [string, string][]): Record<string, [string, string][]> => ({
    mon: hours,
    tue: hours,
    wed: hours,
    thu: hours,
    fri: hours,
  });
  const LONDON = CalendarSchema.parse({
    kind: 'business',
    zone: 'Europe/London',
    weekly: weekdays([['09:00', '17:00']]),
  });
  const LONDON_SUNDAYS = CalendarSchema.parse({ kind: 'business', zone: 'Europe/London', weekly: { sun: ALL_DAY } });
  // 01:00-02:00 does not exist in London on 2026-03-29: an opening at 01:30 moves to 02:30 BST (01:30Z).
  const LONDON_IN_GAP = CalendarSchema.parse({
    kind: 'business',
    zone: 'Europe/London',
    weekly: { sun: [['01:30', '03:00']] },
  });
  // 02:00-03:00 does not exist in New York on 2026-03-08: an opening at 02:30 moves to 03:30 EDT (07:30Z).
  const NEW_YORK_IN_GAP = CalendarSchema.parse({
    kind: 'business',
    zone: 'America/New_York',
    weekly: { sun: [['02:30', '04:00']] },
  });
  // +05:30 all year, no DST.
  const KOLKATA = CalendarSchema.parse({
    kind: 'business',
    zone: 'Asia/Kolkata',
    weekly: weekdays([['09:30', '18:00']]),
  });

  it('counts 23 and 25 hours on London’s change days', () => {
    expect(businessMinutesBetween(at('2026-03-29T00:00:00Z'), at('2026-03-29T23:00:00Z'), LONDON_SUNDAYS)).toBe(
      23 * 60,
    );
    expect(businessMinutesBetween(at('2026-10-24T23:00:00Z'), at('2026-10-26T00:00:00Z'), LONDON_SUNDAYS)).toBe(
      25 * 60,
    );
  });

  it('moves an opening inside the skipped hour to the same minutes an hour later', () => {
    expect(nextOpening(at('2026-03-29T00:00:00Z'), LONDON_IN_GAP).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(businessMinutesBetween(at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z'), LONDON_IN_GAP)).toBe(30);
    expect(nextOpening(at('2026-03-08T06:00:00Z'), NEW_YORK_IN_GAP).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(businessMinutesBetween(at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'), NEW_YORK_IN_GAP)).toBe(30);
  });

  it('opens at the first of two equal wall times on a fall-back night, whatever the season of the clock', () => {
    // 01:00-02:00 happens twice in New York on 2026-11-01 (EDT, then EST): 01:30 is 05:30Z and 06:30Z.
    const nyRepeated = CalendarSchema.parse({
      kind: 'business',
      zone: 'America/New_York',
      weekly: { sun: [['01:30', '03:00']] },
    });
    // Clocks fall back from 01:00 to 00:00 in Havana on 2026-11-01: midnight is 04:00Z and 05:00Z.
    const havanaMidnight = CalendarSchema.parse({
      kind: 'business',
      zone: 'America/Havana',
      weekly: { sun: [['00:00', '02:00']] },
    });
    const realNow = Settings.now;
    try {
      for (const now of [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)]) {
        Settings.now = () => now;
        expect(nextOpening(at('2026-11-01T04:00:00Z'), nyRepeated).toISOString()).toBe('2026-11-01T05:30:00.000Z');
        // 01:30 EDT to 03:00 EST: two and a half hours open.
        expect(businessMinutesBetween(at('2026-11-01T04:00:00Z'), at('2026-11-02T04:00:00Z'), nyRepeated)).toBe(150);
        expect(nextOpening(at('2026-11-01T03:00:00Z'), havanaMidnight).toISOString()).toBe('2026-11-01T04:00:00.000Z');
      }
    } finally {
      Settings.now = realNow;
    }
  });

  it('keeps 09:00 local across London’s fall-back weekend', () => {
    // Friday 16:00 BST + 2 business hours = Monday 10:00 GMT.
    expect(addDuration(at('2026-10-23T15:00:00Z'), { businessHours: 2 }, LONDON).toISOString()).toBe(
      '2026-10-26T10:00:00.000Z',
    );
  });

  it('works in a half-hour zone across the weekend New York changes its clocks', () => {
    // Friday 17:00 IST (11:30Z) + 2 business hours = Monday 10:30 IST; one business day = Monday 18:00 IST.
    expect(addDuration(at('2026-03-06T11:30:00Z'), { businessHours: 2 }, KOLKATA).toISOString()).toBe(
      '2026-03-09T05:00:00.000Z',
    );
    expect(addDuration(at('2026-03-06T11:30:00Z'), { businessDays: 1 }, KOLKATA).toISOString()).toBe(
      '2026-03-09T12:30:00.000Z',
    );
    expect(subtractDuration(at('2026-03-09T05:00:00Z'), { businessHours: 2 }, KOLKATA).toISOString()).toBe(
      '2026-03-06T11:30:00.000Z',
    );
  });
});

describe('nextOpening and isBusinessTime', () => {
  it('treats closing time as closed when rolling but inside when checking', () => {
    const close = at('2026-06-02T21:00:00Z');
    expect(isBusinessTime(close, NY)).toBe(true);
    expect(nextOpening(close, NY).toISOString()).toBe('2026-06-03T13:00:00.000Z');
    expect(isBusinessTime(at('2026-11-26T15:00:00Z'), NY)).toBe(false);
  });
});

describe('CalendarSchema', () => {
  it.each([
    ['an unknown zone', { kind: 'business', zone: 'Mars/Olympus', weekly: { mon: [['09:00', '17:00']] } }],
    ['a week with no opening', { kind: 'business', zone: 'UTC', weekly: {} }],
    [
      'overlapping intervals',
      {
        kind: 'business',
        zone: 'UTC',
        weekly: {
          mon: [
            ['09:00', '13:00'],
            ['12:00', '17:00'],
          ],
        },
      },
    ],
    [
      'an interval that ends before it starts',
      { kind: 'business', zone: 'UTC', weekly: { mon: [['17:00', '09:00']] } },
    ],
    ['a malformed time', { kind: 'business', zone: 'UTC', weekly: { mon: [['9:00', '17:00']] } }],
    [
      'a malformed holiday',
      { kind: 'business', zone: 'UTC', weekly: { mon: [['09:00', '17:00']] }, holidays: ['2026-13-01'] },
    ],
  ])('refuses %s', (_name, input) => {
    expect(CalendarSchema.safeParse(input).success).toBe(false);
  });
});

describe('business-time properties', () => {
  const businessCalendars = fc.constantFrom<Calendar>(NY, LONDON_LUNCH, LORD_HOWE, NY_ALL_DAY);
  const anyCalendar = fc.constantFrom<Calendar>(NY, LONDON_LUNCH, LORD_HOWE, NY_ALL_DAY, ALWAYS);
  // 2026-2027, where the holiday data lives; whole seconds keep the arithmetic exact.
  const instant = fc
    .integer({ min: Date.UTC(2026, 0, 1) / 1000, max: Date.UTC(2027, 11, 31) / 1000 })
    .map((s) => new Date(s * 1000));
  const minutes = fc.integer({ min: 0, max: 120 * 60 });

  it('adding business time is monotonic in the start and in the amount', () => {
    fc.assert(
      fc.property(anyCalendar, instant, instant, minutes, minutes, (cal, t1, t2, m1, m2) => {
        const [a, b] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const [x, y] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(addDuration(a, { businessHours: x / 60 }, cal).getTime()).toBeLessThanOrEqual(
          addDuration(b, { businessHours: x / 60 }, cal).getTime(),
        );
        expect(addDuration(a, { businessHours: x / 60 }, cal).getTime()).toBeLessThanOrEqual(
          addDuration(a, { businessHours: y / 60 }, cal).getTime(),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('lands inside business hours on a business calendar', () => {
    fc.assert(
      fc.property(businessCalendars, instant, minutes, fc.integer({ min: 1, max: 20 }), (cal, t, m, days) => {
        expect(isBusinessTime(addDuration(t, { businessHours: m / 60 }, cal), cal)).toBe(true);
        expect(isBusinessTime(addDuration(t, { businessDays: days }, cal), cal)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('businessMinutesBetween measures exactly what addDuration added', () => {
    fc.assert(
      fc.property(anyCalendar, instant, minutes, (cal, t, m) => {
        const end = addDuration(t, { businessHours: m / 60 }, cal);
        expect(businessMinutesBetween(t, end, cal)).toBeCloseTo(m, 6);
      }),
      { numRuns: 150 },
    );
  });

  it('subtractDuration undoes addDuration for a start inside business hours', () => {
    fc.assert(
      fc.property(anyCalendar, instant, minutes, (cal, t, m) => {
        const start = addDuration(t, { businessHours: 1 / 60 }, cal); // strictly inside an interval or at its end
        const end = addDuration(start, { businessHours: m / 60 }, cal);
        const back = subtractDuration(end, { businessHours: m / 60 }, cal);
        expect(businessMinutesBetween(back, start, cal)).toBeCloseTo(0, 6);
      }),
      { numRuns: 150 },
    );
  });
});
