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
