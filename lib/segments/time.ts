/**
 * Calendar arithmetic shared by the SQL compiler and the in-memory matcher. Every cut-off instant
 * and day is computed here, in UTC, from the context's `now`, and handed to SQL as a parameter, so
 * both sides compare against exactly the same boundaries.
 */
import type { DateString, TimeUnit, Window } from "@/lib/segments/definition";

const DAY_MS = 86_400_000;

/** Midnight UTC of a `YYYY-MM-DD` day. */
export function dayStart(day: DateString): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The UTC calendar day of an instant. */
export function utcDay(instant: Date): DateString {
  return instant.toISOString().slice(0, 10);
}

export function addDays(day: DateString, days: number): DateString {
  return utcDay(new Date(dayStart(day).getTime() + days * DAY_MS));
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * `instant` moved back by `amount` units. Months are calendar months; the day of month is clamped
 * to the target month's length (31 March − 1 month = 28/29 February), time of day is kept.
 */
export function subtractUnits(instant: Date, amount: number, unit: TimeUnit): Date {
  if (unit === "days") return new Date(instant.getTime() - amount * DAY_MS);
  if (unit === "weeks") return new Date(instant.getTime() - amount * 7 * DAY_MS);
  const y = instant.getUTCFullYear();
  const m = instant.getUTCMonth() - amount;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const day = Math.min(instant.getUTCDate(), daysInMonth(targetYear, targetMonth));
  return new Date(
    Date.UTC(
      targetYear,
      targetMonth,
      day,
      instant.getUTCHours(),
      instant.getUTCMinutes(),
      instant.getUTCSeconds(),
      instant.getUTCMilliseconds(),
    ),
  );
}

/** Same as `subtractUnits` on whole days: the UTC day of `now` moved back. */
export function subtractUnitsFromDay(day: DateString, amount: number, unit: TimeUnit): DateString {
  return utcDay(subtractUnits(dayStart(day), amount, unit));
}

/** A half-open instant range [from, to); either end may be open. */
export type InstantRange = { from?: Date; to?: Date };

/**
 * The instants a behavior window covers:
 * - `ever`: everything;
 * - `last N units`: from `now − N units` up to and including `now` (stored as [from, now + 1 ms));
 * - `between a and b`: from midnight UTC of `a` to the end of day `b` (inclusive days).
 */
export function windowRange(window: Window, now: Date): InstantRange {
  if (window.kind === "ever") return {};
  if (window.kind === "last") return { from: subtractUnits(now, window.amount, window.unit), to: new Date(now.getTime() + 1) };
  return { from: dayStart(window.from), to: dayStart(addDays(window.to, 1)) };
}

export function inRange(instant: Date, range: InstantRange): boolean {
  const t = instant.getTime();
  return (range.from === undefined || t >= range.from.getTime()) && (range.to === undefined || t < range.to.getTime());
}

/**
 * The `MM-DD` days on which an anniversary falls within the next `days` days, today included.
 * A 29 February anniversary is celebrated on 28 February in years without a leap day.
 */
export function anniversaryMonthDays(now: Date, days: number): string[] {
  const out = new Set<string>();
  const today = utcDay(now);
  for (let i = 0; i <= days; i++) {
    const day = addDays(today, i);
    const md = day.slice(5);
    out.add(md);
    if (md === "02-28" && !isLeapYear(Number(day.slice(0, 4)))) out.add("02-29");
  }
  return [...out].sort();
}

/** `timestamp without time zone` literal for a UTC instant (`2024-03-01 12:00:00.000`). */
export function naiveUtc(instant: Date): string {
  return instant.toISOString().replace("T", " ").replace("Z", "");
}
