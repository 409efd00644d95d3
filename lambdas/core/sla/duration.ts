import * as z from '../zod';

/**
 * A span of time as SLA policies state it. Each form is a one-key object, so a policy file reads like
 * the sentence it encodes (`{ businessDays: 15 }`):
 * - `minutes`: elapsed wall-clock time, whatever the calendar (an acknowledgement within minutes);
 * - `businessHours`: time counted only while the calendar is open (fractions allowed: 0.5 = 30 min);
 * - `businessDays`: close of business on the n-th business day after the day the clock starts (the day of
 *   receipt is not counted, as in Regulation E, 12 CFR 1005.11(c), and most "within n business days" rules);
 * - `calendarDays` / `calendarMonths`: the same local wall time n days or months later in the calendar's zone
 *   (hard legal limits such as "never beyond 60 calendar days" or MiCA's "two months"); not rolled into
 *   business hours, because rolling forward would overshoot the limit.
 */
export const MinutesDurationSchema = z.strictObject({ minutes: z.number().check(z.nonnegative()) });
export const BusinessHoursDurationSchema = z.strictObject({ businessHours: z.number().check(z.nonnegative()) });
export const BusinessDaysDurationSchema = z.strictObject({ businessDays: z.number().check(z.int(), z.positive()) });
export const CalendarDaysDurationSchema = z.strictObject({ calendarDays: z.number().check(z.int(), z.positive()) });
export const CalendarMonthsDurationSchema = z.strictObject({ calendarMonths: z.number().check(z.int(), z.positive()) });

export type MinutesDuration = z.infer<typeof MinutesDurationSchema>;
export type BusinessHoursDuration = z.infer<typeof BusinessHoursDurationSchema>;
export type BusinessDaysDuration = z.infer<typeof BusinessDaysDurationSchema>;
export type CalendarDaysDuration = z.infer<typeof CalendarDaysDurationSchema>;
export type CalendarMonthsDuration = z.infer<typeof CalendarMonthsDurationSchema>;

/** Any duration. */
export const DurationSchema = z.union([
  MinutesDurationSchema,
  BusinessHoursDurationSchema,
  BusinessDaysDurationSchema,
  CalendarDaysDurationSchema,
  CalendarMonthsDurationSchema,
]);
export type Duration = z.infer<typeof DurationSchema>;

/** Durations that can also be counted backwards from a deadline (reminders before a breach). */
export const OffsetDurationSchema = z.union([MinutesDurationSchema, BusinessHoursDurationSchema]);
export type OffsetDuration = z.infer<typeof OffsetDurationSchema>;

/** Durations measured on the calendar only (legal limits, auto-close of pending cases). */
export const CalendarDurationSchema = z.union([CalendarDaysDurationSchema, CalendarMonthsDurationSchema]);
export type CalendarDuration = z.infer<typeof CalendarDurationSchema>;

/** Durations that run on the working clock (response and update targets). */
export const WorkingDurationSchema = z.union([
  MinutesDurationSchema,
  BusinessHoursDurationSchema,
  BusinessDaysDurationSchema,
]);
export type WorkingDuration = z.infer<typeof WorkingDurationSchema>;
