/**
 * Masking of identifying values for `--show-values` (SPEC §7): enough to recognise, not to reuse. The
 * mask follows the field's kind (issue #16): an e-mail mask only for a value that is one valid address
 * (its domain is shown), a phone mask only for a value made of a phone's characters, and free text
 * keeps its first character and its length only — a value like `voile @ Marie Secretcurie 06 99…` in
 * an e-mail column shows nothing after its first letter.
 */

/** One address, nothing else: local part, `@`, a dotted domain; no space, comma, quote or bracket. */
const ONE_ADDRESS = /^[^\s@,;<>()"'[\]\\]+@[^\s@,;<>()"'[\]\\]+\.[A-Za-z0-9-]{2,}$/;
/** A phone as typed: digits, spaces, dots, dashes, brackets, a leading +. */
const PHONE_CHARS = /^\+?[\d\s().-]+$/;

export function isOneAddress(s: string): boolean {
  return ONE_ADDRESS.test(s.trim());
}

/** A first character that is safe to show: a letter or a digit (never a control character or markup). */
function firstShown(s: string): string {
  const c = [...s][0] ?? '';
  return /^[\p{L}\p{N}]$/u.test(c) ? c : '*';
}

export function maskEmail(s: string): string {
  const t = s.trim();
  if (!isOneAddress(t)) return maskText(t);
  return `${firstShown(t)}***${t.slice(t.indexOf('@'))}`;
}

export function maskPhone(s: string): string {
  if (!PHONE_CHARS.test(s.trim())) return maskText(s);
  const digits = s.replace(/\D/g, '');
  if (digits.length < 6) return '***';
  const national = digits.startsWith('33') && digits.length === 11 ? `0${digits.slice(2)}` : digits;
  return `${national.slice(0, 2)} ** ** ** ${national.slice(-2)}`;
}

/** Free text: its first character and its length in characters, `M***[24]`. */
export function maskText(s: string): string {
  const t = s.trim();
  if (t.length === 0) return '';
  return `${firstShown(t)}***[${[...t].length}]`;
}

/** Masks a value according to the field it comes from. */
export function maskValue(field: string | undefined, value: string): string {
  if (isOneAddress(value)) return maskEmail(value);
  if (field === 'phone') return maskPhone(value);
  return maskText(value);
}

/** A calendar date as typed (`1980-03-05`, `05/03/1980`): a birth date is personal data. */
const DATE_SHAPE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/;
const WHITESPACE = /\s/;
const DIGIT = /\d/;
/** Longer than this, an "id" is more likely free text than a key. */
const ID_MAX = 64;

/**
 * Whether a row's `id` cell may be copied into findings and reports (issue #16): only a value shaped
 * like a key a tool generates. Not an e-mail (`@`), not a phone (phone characters only and a number
 * purge reads as one: `06 99 88 77 66`, `+33…`, `612345678` from Excel), not a name or an
 * address (any whitespace; or letters without a single digit: `Dupont`, `Jean-Pierre`), not a date
 * (a birth date), not longer than 64 characters. A real id that fails this (an all-letter key) is only
 * left out: the finding keeps its line. The tool's interpretation of SPEC §7 "no personal data in
 * reports"; no text settles what an identifier looks like.
 */
export function isCarriedId(value: string): boolean {
  if (!value || value.length > ID_MAX || value.indexOf('@') !== -1) return false;
  if (WHITESPACE.test(value) || !DIGIT.test(value)) return false;
  if (PHONE_CHARS.test(value) && isPhoneNumber(value)) return false;
  return !DATE_SHAPE.test(value);
}

/**
 * The numbers purge's normalizePhone reads as a phone (src/purge.ts): `+` or `00` then 8 to 15 digits,
 * a French national number (10 digits from 0), one whose 0 Excel dropped (9 digits), or 33 + 9 digits.
 */
function isPhoneNumber(value: string): boolean {
  const d = value.replace(/\D/g, '');
  if (value.trim().startsWith('+') || d.startsWith('00')) return d.replace(/^00/, '').length >= 8 && d.length <= 17;
  return (d.length === 10 && d[0] === '0') || (d.length === 9 && d[0] !== '0') || (d.length === 11 && d.startsWith('33'));
}
