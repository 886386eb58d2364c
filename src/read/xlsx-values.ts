/**
 * Excel cell values as a person sees them (issue #15): date serials (1900 system with its leap-year
 * bug, 1904 system), number formats that show leading zeros, and the `_xHHHH_` escapes OOXML uses for
 * characters XML cannot hold. Shared by the workbook reader and writer so a round trip is exact.
 */

/**
 * What a cell held, kept beside its text so the cleaned workbook writes the same type back: an error
 * (`#N/A`) stays an error cell, a time of day a time.
 */
export const CellKind = { Text: 0, Number: 1, Date: 2, Bool: 3, Error: 4, Time: 5 } as const;
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
/** Of those, a time of day without a date (h:mm, h:mm:ss, mm:ss…): 22 alone is a date and a time. */
const BUILTIN_TIME_ONLY = new Set([18, 19, 20, 21, 45, 46, 47]);

export interface NumberStyle {
  date: boolean;
  time: boolean;
  /** Text format "@": a number typed into it is shown as typed. */
  text: boolean;
  /**
   * The format's sections when one of them is a digit mask that can show a leading zero (`00000`,
   * `0# ## ## ## ##`, `[$-40C]00000`, `"tél. "00 00 00 00 00`): integers are shown through it.
   */
  masks?: MaskSection[];
}

/** One section of a number format (`a;b;c`), reduced to what a digit mask needs. */
export interface MaskSection {
  /** `[<=99999]`: the section applies only to values meeting it. */
  cond?: { op: string; value: number };
  /** Literal text and digit placeholders (`0`, `#`, `?`), in order; undefined: not a mask (General, decimals…). */
  tokens?: string[];
  /**
   * Digits grouped by thousands (`0,000,000,000`: how a French LibreOffice saves a format typed with
   * spaces): the separator the format's locale shows, U+00A0 for French as LibreOffice shows it.
   */
  group?: string;
}

const GENERAL: NumberStyle = { date: false, time: false, text: false };

/**
 * A format section split into literal pieces and digit placeholders, with its [tags] read: colour
 * (`[Red]`) ignored, locale (`[$-40C]`) ignored, a currency (`[$€-40C]`) shown as its symbol, a
 * condition (`[<=99999]`) kept. Undefined when the section holds anything but digits and literals
 * (a decimal point, grouping, %, exponent, a date code): that number is shown as a number.
 * ECMA-376 Part 1, §18.8.31 numFmts; https://support.microsoft.com/office/review-guidelines-for-customizing-a-number-format-c0a1d1fa-d3f4-4018-96b7-9c9354dd99f5
 */
function maskSection(section: string): MaskSection {
  const out: MaskSection = {};
  const tokens: string[] = [];
  let literal = '';
  let grouped = false;
  let locale = -1;
  const flush = () => { if (literal) tokens.push(literal); literal = ''; };
  for (let i = 0; i < section.length; i++) {
    const c = section[i];
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      if (end === -1) return out;
      literal += section.slice(i + 1, end);
      i = end;
    } else if (c === '\\') literal += section[++i] ?? '';
    else if (c === '_') { literal += ' '; i++; } // the width of the next character: a space
    else if (c === '*') i++; // fill: nothing in a value
    else if (c === '[') {
      const end = section.indexOf(']', i);
      if (end === -1) return out;
      const tag = section.slice(i + 1, end);
      const cond = /^(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)$/.exec(tag);
      if (cond) out.cond = { op: cond[1], value: Number(cond[2]) };
      else if (tag.startsWith('$')) {
        const [symbol, lcid] = tag.slice(1).split('-');
        literal += symbol; // [$€-40C] shows €; [$-40C] nothing
        if (lcid) locale = parseInt(lcid, 16) & 0xff;
      }
      i = end;
    } else if (c === '0' || c === '#' || c === '?') { flush(); tokens.push(c); }
    else if (c === ',' && /[0#?]/.test(tokens[tokens.length - 1] ?? '') && !literal && /[0#?]/.test(section[i + 1] ?? '')) grouped = true;
    else if (' $-+/():!^&\'~{}<>='.includes(c)) literal += c;
    else return out; // `.`, `,`, `%`, `E`, letters, `@`, General: not a digit mask
  }
  flush();
  // A mask only if it can show a leading zero: a `0` with another digit placeholder to its right.
  const slots = tokens.filter((t) => t.length === 1 && '0#?'.includes(t)).join('');
  if (/0[0#?]/.test(slots)) out.tokens = tokens;
  // English locales group with a comma (LCID 0x09 family); French, the tool's audience, with U+00A0.
  if (grouped) out.group = locale === 0x09 ? ',' : '\u00a0';
  return out;
}

/** What a number format code shows (only what matters to reading a contact file). */
export function numberStyle(id: number, code: string | undefined): NumberStyle {
  if (code === undefined) {
    if (id === 49) return { date: false, time: false, text: true };
    if (BUILTIN_DATE.has(id)) return { date: !BUILTIN_TIME_ONLY.has(id), time: BUILTIN_TIME.has(id), text: false };
    return GENERAL;
  }
  // The first section (positive numbers) without quoted text, escapes and [colour]/[$-40C]/[<=n] tags.
  const sections = code.split(';');
  const bare = sections[0].replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').replace(/_./g, '').replace(/\*./g, '');
  if (bare.trim() === '@') return { date: false, time: false, text: true };
  if (/^general$/i.test(bare.trim())) return GENERAL;
  if (/[dmyhsDMYHS]/.test(bare) && !/[0#?]/.test(bare.replace(/\.0+/g, ''))) {
    return { date: /[dyDY]/.test(bare) || /m/i.test(bare) && !/[hs]/i.test(bare), time: /[hsHS]/.test(bare), text: false };
  }
  // Digit masks (postal codes "00000", phones "0# ## ## ## ##"), tested once the tags are read.
  const masks = sections.slice(0, 3).map(maskSection);
  if (masks.some((m) => m.tokens)) return { date: false, time: false, text: false, masks };
  return GENERAL;
}

function meets(n: number, c: { op: string; value: number }): boolean {
  switch (c.op) {
    case '<': return n < c.value;
    case '<=': return n <= c.value;
    case '>': return n > c.value;
    case '>=': return n >= c.value;
    case '=': return n === c.value;
    default: return n !== c.value;
  }
}

/**
 * The section a value is shown through: with conditions, the first whose condition holds, else the
 * next section without one; without, positive / negative (shown without its sign) / zero.
 */
function sectionFor(n: number, s: MaskSection[]): { section: MaskSection; signed: boolean } | undefined {
  if (s.some((x) => x.cond)) {
    for (const x of s) if (!x.cond || meets(n, x.cond)) return { section: x, signed: n < 0 && !x.cond };
    return undefined;
  }
  if (n < 0 && s.length >= 2) return { section: s[1], signed: false };
  if (n === 0 && s.length >= 3) return { section: s[2], signed: false };
  return { section: s[0], signed: n < 0 };
}

/**
 * An integer shown through a digit mask: `0` forces a digit, `#` shows one if there is one, `?` a
 * space; digits beyond the placeholders go in front, as Excel shows them. Undefined when the section
 * is not a mask (the number is then shown as a number).
 */
export function applyMask(n: number, masks: MaskSection[]): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const pick = sectionFor(n, masks);
  if (!pick?.section.tokens) return undefined;
  const tokens = pick.section.tokens;
  const digits = String(Math.round(Math.abs(n)));
  if (!/^\d+$/.test(digits)) return undefined; // 1e21 and beyond
  const first = tokens.findIndex((t) => t === '0' || t === '#' || t === '?');
  if (pick.section.group) return grouped(digits, tokens, first, pick.section.group, pick.signed);
  const out: string[] = [];
  let k = digits.length - 1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t === '0' || t === '#' || t === '?') {
      if (i === first && k >= 0) { out.push(digits.slice(0, k + 1)); k = -1; }
      else if (k >= 0) out.push(digits[k--]);
      else if (t === '0') out.push('0');
      else if (t === '?') out.push(' ');
    } else out.push(t);
  }
  const text = out.reverse().join('').trim();
  return pick.signed ? `-${text}` : text;
}

/** A mask with thousands grouping: the digits padded to the placeholders, grouped by three, the literals around. */
function grouped(digits: string, tokens: string[], first: number, sep: string, signed: boolean): string {
  const slots = tokens.filter((t) => t === '0' || t === '#' || t === '?');
  const last = tokens.length - 1 - [...tokens].reverse().findIndex((t) => t === '0' || t === '#' || t === '?');
  const forced = slots.length - slots.indexOf('0');
  let d = digits.length < forced ? digits.padStart(forced, '0') : digits;
  let out = '';
  for (let i = d.length; i > 0; i -= 3) out = d.slice(Math.max(0, i - 3), i) + (out ? sep + out : '');
  d = tokens.slice(0, first).join('') + out + tokens.slice(last + 1).join('');
  return (signed ? '-' : '') + d.trim();
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
  if (s.time) return { text: serialToIso(n, date1904, true).slice(11), kind: CellKind.Time };
  if (s.masks) {
    const masked = applyMask(n, s.masks);
    if (masked !== undefined) return { text: masked, kind: CellKind.Text };
  }
  return { text: generalNumber(n), kind: CellKind.Number };
}

/** Error values a cell can hold (ECMA-376 Part 1, §18.17.4.4 ST_CellType "e"; later Excel ones too). */
export const ERROR_VALUES = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#UNKNOWN!', '#CONNECT!', '#BUSY!']);

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
