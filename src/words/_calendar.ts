/**
 * Calendar dates as the catalog stores them: `YYYY-MM-DD` or `YYYY-MM`, and only days that exist.
 *
 * @module
 */

const shape = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** Days in a month of the proleptic Gregorian calendar. */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Whether `value` is a real calendar date `YYYY-MM-DD` or month `YYYY-MM` (so `2025-02-31` and `2025-25-11` are not).
 *
 * @example
 * ```ts
 * isCalendarDate("2024-02-29"); // true
 * isCalendarDate("2025-02-31"); // false
 * ```
 */
export function isCalendarDate(value: string): boolean {
  const m = shape.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  return day >= 1 && day <= daysIn(year, month);
}
