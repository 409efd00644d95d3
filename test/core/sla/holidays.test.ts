import Holidays from 'date-holidays';
import { US_FEDERAL_HOLIDAYS_2026_2027 } from '../../../lambdas/core/sla/presets';

const SIX_MONTHS_MS = 183 * 86_400_000;

/** Federal holidays as observed on weekdays, per date-holidays (a weekend date is closed anyway). */
function observedWeekdays(year: number): string[] {
  return new Holidays('US')
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => h.date.slice(0, 10))
    .filter((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()))
    .sort();
}

describe('the US federal holiday list of the presets', () => {
  const years = [...new Set(US_FEDERAL_HOLIDAYS_2026_2027.map((d) => Number(d.slice(0, 4))))];

  it('matches the observed dates date-holidays computes, for every year it covers', () => {
    // 2027-12-31 is New Year's Day 2028 observed: it belongs to 2027's list in both.
    expect([...US_FEDERAL_HOLIDAYS_2026_2027].sort()).toEqual(years.flatMap(observedWeekdays));
  });

  it('reaches at least six months beyond today (extend the list, a new year at a time, before this fails)', () => {
    const last = [...US_FEDERAL_HOLIDAYS_2026_2027].sort().at(-1)!;
    const lastDayOfYear = `${last.slice(0, 4)}-12-31`;
    expect(Date.parse(`${lastDayOfYear}T00:00:00Z`) - Date.now()).toBeGreaterThan(SIX_MONTHS_MS);
  });
});
