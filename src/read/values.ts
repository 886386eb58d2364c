/**
 * Reading cell values (SPEC §2): booleans and dates, as French and English exports write them.
 * Dates are returned as day numbers (days since 1970-01-01, UTC): cheap to compare, no time zones.
 */
import { foldWord } from '../text.js';

const TRUE_WORDS = ['oui', 'yes', 'true', 'vrai', '1', 'x', 'o', 'y', 'ok'];
const FALSE_WORDS = ['non', 'no', 'false', 'faux', '0', 'n', '-'];

export interface BooleanVocabulary {
  true: readonly string[];
  false: readonly string[];
}


/** A compiled boolean reader. Extra words come from the config (SPEC §6). */
export function booleanReader(extra?: Partial<BooleanVocabulary>): (s: string | undefined) => boolean | undefined {
  const t = new Set([...TRUE_WORDS, ...(extra?.true ?? []).map(foldWord)]);
  const f = new Set([...FALSE_WORDS, ...(extra?.false ?? []).map(foldWord)]);
  return (s) => {
    if (s === undefined) return undefined;
    const w = foldWord(s);
    if (w === '') return undefined;
    if (t.has(w)) return true;
    if (f.has(w)) return false;
    return undefined;
  };
}

export const parseBoolean = booleanReader();

const DAY_MS = 86400000;

// Calendar arithmetic without Date objects: these run for every date cell of every row. The algorithms
// are Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, day 0 = 1970-01-01).

/** Days since 1970-01-01 of a valid calendar date (no range check). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Calendar date of a day number. */
export function civilFromDays(day: number): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Day number of a calendar date, or null when the date does not exist (31/02). */
export function dayNumber(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || y < 1000 || y > 9999 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

/** ISO date of a day number ("2026-11-23"). */
export function formatDay(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Today as a day number, for a given clock (the CLI passes Date.now()). */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T ]\d)/;
// A time may follow after one or more spaces: NationBuilder writes "05/26/2020  6:51 AM".
const FRENCH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:$|[ T] *\d)/;
/** "24 Jul 2026", "3 mars 2025" (LinkedIn's Connected On, French long dates). */
const NAMED = /^(\d{1,2})[ -]([a-z\u00e0-\u00fb]{3,9})\.?[ -](\d{4})(?:$|[ T,])/i;
const MONTHS: Record<string, number> = {
  jan: 1, janv: 1, january: 1, janvier: 1, feb: 2, fev: 2, fevr: 2, february: 2, fevrier: 2, mar: 3, mars: 3, march: 3,
  apr: 4, avr: 4, april: 4, avril: 4, may: 5, mai: 5, jun: 6, juin: 6, june: 6, jul: 7, juil: 7, july: 7, juillet: 7,
  aug: 8, aou: 8, aout: 8, august: 8, sep: 9, sept: 9, september: 9, septembre: 9, oct: 10, october: 10, octobre: 10,
  nov: 11, november: 11, novembre: 11, dec: 12, december: 12, decembre: 12,
};
const SERIAL = /^\d{1,6}(?:[.,]\d+)?$/;
// Excel's day 25569 is 1970-01-01 (its calendar counts a 29/02/1900 that never was).
const EXCEL_EPOCH = 25569;

/** Order of the day and the month in a slash date: French day-first, US month-first. */
export type DateOrder = 'dmy' | 'mdy';

/**
 * What a slash date says of its order: 'dmy' when its first part cannot be a month (> 12), 'mdy' when
 * its second part cannot, undefined when both could be (01/08/2024) or it is no slash date.
 */
export function dateOrderHint(raw: string): DateOrder | undefined {
  const m = FRENCH.exec(raw.trim());
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  return undefined;
}

/** Whether a cell is a slash date whose order its parts do not settle (both ≤ 12, and not the same). */
export function isAmbiguousDate(raw: string): boolean {
  const m = FRENCH.exec(raw.trim());
  return !!m && Number(m[1]) <= 12 && Number(m[2]) <= 12 && Number(m[1]) !== Number(m[2]) && Number(m[1]) > 0 && Number(m[2]) > 0;
}

/** Two-digit years as Excel reads them: 00–29 are 2000s, 30–99 are 1900s (the exports come from it). */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

/**
 * Parses a date cell: ISO 8601 (with or without time), French dd/mm/yyyy, d/m/yy, dd-mm-yyyy,
 * dd.mm.yyyy (US mm/dd/yyyy with `order` 'mdy', a 12-hour time after it), "24 Jul 2026", and Excel serial numbers. Returns undefined for an empty cell, null when unparseable.
 */
export function parseDate(raw: string | undefined, order: DateOrder = 'dmy'): number | null | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (s === '') return undefined;
  // The two forms of nearly every cell, `2024-03-05` and `05/03/2024`, read without a regular
  // expression (a fifth of a scan's classification); the same as ISO and FRENCH read them.
  if (s.length === 10) {
    const fast = tenCharDate(s, order);
    if (fast !== false) return fast;
  }
  let m = ISO.exec(s);
  if (m) return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
  m = FRENCH.exec(s);
  if (m) return order === 'mdy' ? dayNumber(fullYear(m[3]), Number(m[1]), Number(m[2])) : dayNumber(fullYear(m[3]), Number(m[2]), Number(m[1]));
  m = NAMED.exec(s);
  if (m) {
    const month = MONTHS[foldWord(m[2])];
    return month ? dayNumber(Number(m[3]), month, Number(m[1])) : null;
  }
  if (SERIAL.test(s)) {
    const serial = Math.floor(Number(s.replace(',', '.')));
    // Serials before 1900-03-01 (day 60) are where Excel's calendar is wrong; refuse them.
    if (serial < 61 || serial > 2958465) return null;
    return serial - EXCEL_EPOCH;
  }
  return null;
}

/** Whether `s` holds only ASCII digits from `from` to `to` (excluded). */
function digits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Two digits of `s` from `i`, as a number. */
function two(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);
}

/**
 * A ten-character cell `yyyy-mm-dd` (`-` or `/`) or `dd/mm/yyyy` (`/`, `.` or `-`): its day number or
 * null, as parseDate's regular expressions read it; false when it is of neither form.
 */
function tenCharDate(s: string, order: DateOrder): number | null | false {
  const c4 = s.charCodeAt(4);
  const c7 = s.charCodeAt(7);
  if ((c4 === 45 || c4 === 47) && (c7 === 45 || c7 === 47)) {
    if (!(digits(s, 0, 4) && digits(s, 5, 7) && digits(s, 8, 10))) return false;
    return dayNumber(two(s, 0) * 100 + two(s, 2), two(s, 5), two(s, 8));
  }
  const c2 = s.charCodeAt(2);
  const c5 = s.charCodeAt(5);
  if ((c2 === 47 || c2 === 46 || c2 === 45) && (c5 === 47 || c5 === 46 || c5 === 45)) {
    if (!(digits(s, 0, 2) && digits(s, 3, 5) && digits(s, 6, 10))) return false;
    const year = two(s, 6) * 100 + two(s, 8);
    return order === 'mdy' ? dayNumber(year, two(s, 0), two(s, 3)) : dayNumber(year, two(s, 3), two(s, 0));
  }
  return false;
}

/** Adds a duration ("3y", "36m", "2m", "90d", "2w") to a day number, month-aware. */
export function addDuration(day: number, duration: Duration): number {
  if (duration.unit === 'd') return day + duration.n;
  if (duration.unit === 'w') return day + 7 * duration.n;
  const { y, m, d } = civilFromDays(day);
  const months = m - 1 + (duration.unit === 'y' ? 12 * duration.n : duration.n);
  const ty = y + Math.floor(months / 12);
  const tm = (months % 12) + 1;
  // Clamp to the last day of the target month (31 March + 1 month = 30 April).
  return daysFromCivil(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

export interface Duration {
  n: number;
  unit: 'd' | 'w' | 'm' | 'y';
}

export const DURATION_PATTERN = /^(\d{1,4})\s*(d|w|m|y)$/;

export function parseDuration(s: string): Duration | null {
  const m = DURATION_PATTERN.exec(s.trim().toLowerCase());
  return m ? { n: Number(m[1]), unit: m[2] as Duration['unit'] } : null;
}
