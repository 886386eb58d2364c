/** Masking of identifying values for `--show-values` (SPEC §7): enough to recognise, not to reuse. */

export function maskEmail(s: string): string {
  const at = s.indexOf('@');
  if (at <= 0) return maskText(s);
  return `${s[0]}***${s.slice(at)}`;
}

export function maskPhone(s: string): string {
  const digits = s.replace(/\D/g, '');
  if (digits.length < 6) return '***';
  const national = digits.startsWith('33') && digits.length === 11 ? `0${digits.slice(2)}` : digits;
  return `${national.slice(0, 2)} ** ** ** ${national.slice(-2)}`;
}

export function maskText(s: string): string {
  const t = s.trim();
  if (t.length === 0) return '';
  return `${t[0]}***`;
}

/** Masks a value according to the field it comes from. */
export function maskValue(field: string | undefined, value: string): string {
  if (field === 'email' || value.includes('@')) return maskEmail(value);
  if (field === 'phone') return maskPhone(value);
  return maskText(value);
}
