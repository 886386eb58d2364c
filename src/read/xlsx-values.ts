/**
 * Excel cell values as a person sees them (issue #15): date serials (1900 system with its leap-year
 * bug, 1904 system), number formats that show leading zeros, and the `_xHHHH_` escapes OOXML uses for
 * characters XML cannot hold. Shared by the workbook reader and writer so a round trip is exact.
 */

/** What a cell held, kept beside its text so the cleaned workbook writes the same type back. */
export const CellKind = { Text: 0, Number: 1, Date: 2, Bool: 3 } as const;
export type CellKind = (typeof CellKind)[keyof typeof CellKind];

const DAY_MS = 86400000;
/** 1899-12-30: serial 0 of the 1900 system once its phantom 29 February 1900 is past. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/**
 * An Excel date serial as ISO 8601 text (`2024-03-05`, or `2024-03-05T10:30:00` when `withTime`).
 * 1900 system: Excel counts a 29 February 1900 that never was (Lotus 1-2-3 compatibility,
 * https://learn.microsoft.com/en-us/troubleshoot/microsoft-365-apps/excel/wrongly-assumes-1900-is-leap-year),
 * so serials 1–59 are one day later than the arithmetic gives, and serial 60 is that phantom day: it is
 * returned as the text "1900-02-29", which the date reader reports as an invalid date.
 */
export function serialToIso(serial: number, date1904: boolean, withTime: boolean): string {
  if (!Number.isFinite(serial)) return String(serial);
  let days = Math.floor(serial);
  // Seconds rounded first: 0.99999999 of a day is the next midnight, as Excel shows it.
  let secs = Math.round((serial - days) * 86400);
  if (secs >= 86400) { days += 1; secs -= 86400; }
  let ms: number;
  if (date1904) ms = EPOCH_1904 + days * DAY_MS;
  else {
    if (days === 60) return withTime && secs ? `1900-02-29T${hms(secs)}` : '1900-02-29';
    ms = EPOCH_1900 + (days < 60 ? days + 1 : days) * DAY_MS;
  }
  const d = new Date(ms);
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return withTime ? `${day}T${hms(secs)}` : day;
}

function hms(secs: number): string {
  return `${pad(Math.floor(secs / 3600))}:${pad(Math.floor((secs % 3600) / 60))}:${pad(secs % 60)}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** The inverse of serialToIso in the 1900 system; undefined when the text is not such a date. */
export function isoToSerial(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || y < 1900) return undefined;
  let days = Math.round((ms - EPOCH_1900) / DAY_MS);
  if (days < 61) days -= 1; // before 1 March 1900: the phantom 29 February is not yet counted
  if (days < 1) return undefined;
  const secs = m[4] ? Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6] ?? 0) : 0;
  return days + secs / 86400;
}

/** Built-in number formats that are dates or times (ECMA-376 Part 1, §18.8.30 numFmt). */
const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_TIME = new Set([18, 19, 20, 21, 22, 45, 46, 47]);

export interface NumberStyle {
  date: boolean;
  time: boolean;
  /** Text format "@": a number typed into it is shown as typed. */
  text: boolean;
  /** Digit mask of a format such as `00000` or `0# ## ## ## ##`: integers are shown through it. */
  mask?: string;
}

const GENERAL: NumberStyle = { date: false, time: false, text: false };

/** What a number format code shows (only what matters to reading a contact file). */
export function numberStyle(id: number, code: string | undefined): NumberStyle {
  if (code === undefined) {
    if (id === 49) return { date: false, time: false, text: true };
    if (BUILTIN_DATE.has(id)) return { date: true, time: BUILTIN_TIME.has(id), text: false };
    return GENERAL;
  }
  // The first section (positive numbers) without quoted text, escapes and [colour]/[$-40C] tags.
  const first = code.split(';')[0];
  const bare = first.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').replace(/_./g, '').replace(/\*./g, '');
  if (bare.trim() === '@') return { date: false, time: false, text: true };
  if (/^general$/i.test(bare.trim())) return GENERAL;
  if (/[dmyhsDMYHS]/.test(bare) && !/[0#?]/.test(bare.replace(/\.0+/g, ''))) {
    return { date: /[dyDY]/.test(bare) || /m/i.test(bare) && !/[hs]/i.test(bare), time: /[hsHS]/.test(bare), text: false };
  }
  // A mask of digits with separators only (postal codes "00000", phones "0# ## ## ## ##").
  if (/^[0#][0# .\-()]*$/.test(first) && first.includes('0') && !/[.]0/.test(first)) return { date: false, time: false, text: false, mask: first };
  return GENERAL;
}

/** An integer shown through a digit mask: `0` forces a digit, `#` shows one if there is one. */
function applyMask(n: number, mask: string): string | undefined {
  if (!Number.isInteger(n) || n < 0) return undefined;
  let digits = String(n);
  const slots = mask.replace(/[^0#]/g, '').length;
  if (digits.length > slots) return undefined;
  const out: string[] = [];
  let k = digits.length - 1;
  for (let i = mask.length - 1; i >= 0; i--) {
    const c = mask[i];
    if (c === '0') out.push(k >= 0 ? digits[k--] : '0');
    else if (c === '#') { if (k >= 0) out.push(digits[k--]); }
    else out.push(c);
  }
  digits = out.reverse().join('');
  return digits.trim();
}

/** A number as Excel's General format shows it, without binary noise (0.1+0.2 is 0.3). */
export function generalNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/**
 * The text and kind of a numeric cell under its style. A number shown through a digit mask becomes
 * text (its leading zeros are what a person sees: a postal code, a phone number).
 */
export function renderNumber(raw: string, style: NumberStyle | undefined, date1904: boolean): { text: string; kind: CellKind } {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) return { text: raw, kind: CellKind.Text };
  const s = style ?? GENERAL;
  if (s.date) return { text: serialToIso(n, date1904, s.time && !Number.isInteger(n)), kind: CellKind.Date };
  if (s.time) return { text: serialToIso(n, date1904, true).slice(11), kind: CellKind.Text };
  if (s.mask) {
    const masked = applyMask(n, s.mask);
    if (masked !== undefined) return { text: masked, kind: CellKind.Text };
  }
  return { text: generalNumber(n), kind: CellKind.Number };
}

/** Decodes OOXML's `_xHHHH_` escapes (ECMA-376 Part 1, §22.9.2.19 ST_Xstring). */
export function unescapeX(s: string): string {
  if (s.indexOf('_x') === -1) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

// Characters XML 1.0 cannot hold, and a literal "_xHHHH_" that would otherwise be read as an escape.
// eslint-disable-next-line no-control-regex
const NEEDS_X = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
// eslint-disable-next-line no-control-regex
const NEEDS_X_G = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

/** Text for an XML element of a worksheet: escaped for XML and for OOXML's `_xHHHH_`. */
export function escapeXmlText(s: string): string {
  let out = s;
  if (NEEDS_X.test(out)) out = out.replace(NEEDS_X_G, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  if (/[&<>"]/.test(out)) out = out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return out;
}

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnLetters(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based column and 1-based row of a reference such as "AB12"; column -1 when absent. */
export function parseRef(ref: string): { col: number; row: number } {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    const u = c >= 97 ? c - 32 : c;
    if (u < 65 || u > 90) break;
    col = col * 26 + (u - 64);
  }
  const row = Number(ref.slice(i));
  return { col: col - 1, row: Number.isInteger(row) ? row : 0 };
}
