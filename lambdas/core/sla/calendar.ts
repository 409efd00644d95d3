import { IANAZone } from 'luxon';
import * as z from '../zod';

/** "HH:mm" on a 24-hour clock; "24:00" closes at midnight. */
const TIME = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes since local midnight of an "HH:mm" string already checked by the schema. */
export function minutesOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const ZoneSchema = z
  .string()
  .check(z.refine((zone) => IANAZone.isValidZone(zone), { message: 'unknown IANA time zone' }));

/** One opening interval of a weekday, local wall time. Intervals do not cross midnight (split them). */
const IntervalSchema = z.tuple([z.string().check(z.regex(TIME)), z.string().check(z.regex(TIME))]).check(
  z.refine(([start, end]) => minutesOfDay(start) < minutesOfDay(end), {
    message: 'an interval must end after it starts',
  }),
);

/** Opening intervals per weekday, ascending and not overlapping; a missing weekday is closed. */
const DayHoursSchema = z.array(IntervalSchema).check(
  z.refine((list) => list.every((iv, i) => i === 0 || minutesOfDay(list[i - 1]![1]) <= minutesOfDay(iv[0])), {
    message: 'intervals must be ascending and must not overlap',
  }),
);

const WeeklyHoursSchema = z
  .strictObject(
    Object.fromEntries(WEEKDAYS.map((d) => [d, z.optional(DayHoursSchema)])) as Record<
      Weekday,
      z.ZodMiniOptional<typeof DayHoursSchema>
    >,
  )
  .check(
    z.refine((w) => WEEKDAYS.some((d) => (w[d]?.length ?? 0) > 0), {
      message: 'the calendar must open at least once a week',
    }),
  );

export const BusinessCalendarSchema = z.strictObject({
  kind: z.literal('business'),
  zone: ZoneSchema,
  weekly: WeeklyHoursSchema,
  /** Local dates (YYYY-MM-DD) on which the calendar stays closed all day. */
  holidays: z._default(z.array(z.iso.date()), []),
});

export const AlwaysOpenCalendarSchema = z.strictObject({
  kind: z.literal('24x7'),
  /** Still needed: business days and calendar days end at local midnight. */
  zone: ZoneSchema,
});

/** When the clock runs: a business-hours calendar or 24x7. */
export const CalendarSchema = z.discriminatedUnion('kind', [BusinessCalendarSchema, AlwaysOpenCalendarSchema]);

export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;
export type Calendar = z.infer<typeof CalendarSchema>;
