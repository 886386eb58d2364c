/**
 * Reading cell values (SPEC §2): booleans and dates, as French and English exports write them.
 * Dates are returned as day numbers (days since 1970-01-01, UTC): cheap to compare, no time zones.
 */

const TRUE_WORDS = ['oui', 'yes', 'true', 'vrai', '1', 'x', 'o', 'y', 'ok'];
const FALSE_WORDS = ['non', 'no', 'false', 'faux', '0', 'n', '-'];

export interface BooleanVocabulary {
  true: readonly string[];
  false: readonly string[];
}

export function normalizeWord(s: string): string {
  return s.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** A compiled boolean reader. Extra words come from the config (SPEC §6). */
export function booleanReader(extra?: Partial<BooleanVocabulary>): (s: string | undefined) => boolean | undefined {
  const t = new Set([...TRUE_WORDS, ...(extra?.true ?? []).map(normalizeWord)]);
  const f = new Set([...FALSE_WORDS, ...(extra?.false ?? []).map(normalizeWord)]);
  return (s) => {
    if (s === undefined) return undefined;
    const w = normalizeWord(s);
    if (w === '') return undefined;
    if (t.has(w)) return true;
    if (f.has(w)) return false;
    return undefined;
  };
}

export const parseBoolean = booleanReader();

const DAY_MS = 86400000;

/** Day number of a calendar date, or null when the date does not exist (31/02). */
export function dayNumber(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return null;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== m - 1) return null;
  return Math.floor(t / DAY_MS);
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Today as a day number, for a given clock (the CLI passes Date.now()). */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T ]\d)/;
const FRENCH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:$|[ T]\d)/;
const SERIAL = /^\d{1,6}(?:[.,]\d+)?$/;
// Excel's day 25569 is 1970-01-01 (its calendar counts a 29/02/1900 that never was).
const EXCEL_EPOCH = 25569;

/** Two-digit years as Excel reads them: 00–29 are 2000s, 30–99 are 1900s (the exports come from it). */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

/**
 * Parses a date cell: ISO 8601 (with or without time), French dd/mm/yyyy, d/m/yy, dd-mm-yyyy,
 * dd.mm.yyyy, and Excel serial numbers. Returns undefined for an empty cell, null when unparseable.
 */
export function parseDate(raw: string | undefined): number | null | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (s === '') return undefined;
  let m = ISO.exec(s);
  if (m) return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
  m = FRENCH.exec(s);
  if (m) return dayNumber(fullYear(m[3]), Number(m[2]), Number(m[1]));
  if (SERIAL.test(s)) {
    const serial = Math.floor(Number(s.replace(',', '.')));
    // Serials before 1900-03-01 (day 60) are where Excel's calendar is wrong; refuse them.
    if (serial < 61 || serial > 2958465) return null;
    return serial - EXCEL_EPOCH;
  }
  return null;
}

/** Parses a date given on the command line or in config (ISO or French); throws on failure. */
export function parseDateOption(s: string): number | null {
  const d = parseDate(s);
  return d === undefined ? null : d;
}

/** Adds a duration ("3y", "36m", "2m", "90d", "2w") to a day number, month-aware. */
export function addDuration(day: number, duration: Duration): number {
  if (duration.unit === 'd') return day + duration.n;
  if (duration.unit === 'w') return day + 7 * duration.n;
  const date = new Date(day * DAY_MS);
  const months = duration.unit === 'y' ? 12 * duration.n : duration.n;
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const d = date.getUTCDate();
  // Clamp to the last day of the target month (31 March + 1 month = 30 April).
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(d, last)) / DAY_MS);
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
