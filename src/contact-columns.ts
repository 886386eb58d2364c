/**
 * Every column holding contact data of one kind (issues #16 and #12): the mapped one, the columns an
 * export profile lists (numbered, prefixed), and every other column whose name has a word of the kind —
 * "Email perso", "Mail pro", "Tél. bureau", "N° portable 2", "Adresse 2", "WhatsApp Phone Number". One
 * list per file serves the channel checks, a social row's scrubbing and the suppression list: a scrubbed
 * `email` next to an intact `Email perso` leaves the address in the "safe" file, and an SMS checked on
 * `Téléphone` alone lets through the number in `Téléphone mobile`.
 *
 * A column counts for a row only when its value is of the kind (an address holds an `@`, a phone has
 * digits), so "Email consent = oui" is never emptied or hashed as an e-mail.
 */
import { fieldForHeader, headerWordClass, type Mapping } from './mapping.js';
import { isOneAddress } from './mask.js';
import { headerWords } from './text.js';

export type ContactKind = 'email' | 'phone' | 'address';
export type ContactPlan = Record<ContactKind, number[]>;
export const CONTACT_KINDS: readonly ContactKind[] = ['email', 'phone', 'address'];

const WORDS: Record<ContactKind, ReadonlySet<string>> = {
  email: new Set(['email', 'emails', 'mail', 'mails', 'courriel', 'courriels', 'mel', 'messagerie']),
  phone: new Set(['tel', 'telephone', 'telephones', 'phone', 'phones', 'mobile', 'portable', 'gsm', 'cell', 'fixe', 'whatsapp', 'landline']),
  address: new Set(['adresse', 'adresses', 'address', 'rue', 'street', 'voie']),
};
/** Words that make a column about the contact data rather than the data itself. */
const NOT_DATA = new Set(['consent', 'consentement', 'optin', 'opt', 'statut', 'status', 'date', 'valide', 'valid', 'bounce', 'type']);


/** The kind of contact data a column's name announces, or undefined. E-mail first ("adresse email"). */
export function contactKindOf(header: string): ContactKind | undefined {
  const exact = fieldForHeader(header);
  if (exact === 'email' || exact === 'phone' || exact === 'address') return exact;
  const w = headerWords(header);
  if (w.some((x) => NOT_DATA.has(x))) return undefined;
  // "Email blacklisted", "Tél. OK", "Date mail", "Adresse IP": about the data, not the data.
  if (headerWordClass(header) !== undefined) return undefined;
  for (const kind of CONTACT_KINDS) if (w.some((x) => WORDS[kind].has(x))) return kind;
  return undefined;
}

export interface ContactPlanOptions {
  /** More columns per kind, from an export profile (in the order it lists them). */
  extra?: Partial<Record<ContactKind, readonly number[]>>;
  /** Columns never read as contact data by their name: read as something else (a profile's `known`, a profiling column). */
  exclude?: ReadonlySet<number>;
}

/**
 * Column indexes of each kind, once per file: the mapped column first, then the profile's, then the
 * others in header order. Columns mapped to another field are never contact columns.
 */
export function contactColumns(header: readonly string[], mapping: Mapping, opts: ContactPlanOptions = {}): ContactPlan {
  const out: ContactPlan = { email: [], phone: [], address: [] };
  const taken = new Set(Object.values(mapping));
  for (const kind of CONTACT_KINDS) if (mapping[kind] !== undefined) out[kind].push(mapping[kind]!);
  const listed = new Set<number>();
  for (const kind of CONTACT_KINDS) {
    for (const i of opts.extra?.[kind] ?? []) {
      if (taken.has(i) || listed.has(i)) continue;
      out[kind].push(i);
      listed.add(i);
    }
  }
  header.forEach((h, i) => {
    if (taken.has(i) || listed.has(i) || opts.exclude?.has(i)) return;
    const kind = contactKindOf(h);
    if (kind) out[kind].push(i);
  });
  return out;
}

/** Longest cell looked at as a possible e-mail or phone (an address is at most 254 characters, RFC 5321). */
const MAX_CONTACT_CELL = 320;

/** An e-mail address somewhere in a cell ("Gérard Lemaire (gerard.lemaire@exemple.fr)" too). */
const EMAIL_IN = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[a-z]{2,}/i;

/**
 * A cell that is a phone number: international (`+33 6…`, `0033…`), French national (`06 00 00 12 34`),
 * or written without the `+` as Brevo does (`33600001401`). Not an IP, a decimal, a date or an id.
 */
function isPhoneValue(v: string): boolean {
  if (!/^[+(]?\d[\d\s.\-()/]*$/.test(v)) return false;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v) || /^-?\d+[.,]\d+$/.test(v)) return false;
  const d = v.replace(/\D/g, '');
  if (d.length < 9 || d.length > 15) return false;
  if (v.startsWith('+') || v.startsWith('00')) return true;
  return /^0[1-9]\d{8}$/.test(d) || /^(33|32|41)\d{9}$/.test(d) || /^(262|269|352|377|590|594|596|687|689)\d{6,9}$/.test(d);
}

/**
 * The kind of contact data a column holds by its values (sampled on the first rows, once per file): at
 * least half of its non-empty cells are e-mail addresses, or phone numbers. For a column whose name
 * says nothing ("Perso", "Coordonnées 2").
 */
export function valueKindOf(values: readonly (string | undefined)[]): 'email' | 'phone' | undefined {
  let filled = 0;
  let emails = 0;
  let phones = 0;
  for (const raw of values) {
    const v = raw?.trim();
    if (!v) continue;
    filled++;
    // A contact cell is short: a long one (a note, a 1 MB field) is neither, and is not scanned.
    if (v.length > MAX_CONTACT_CELL) continue;
    if (v.includes('@') && EMAIL_IN.test(v)) emails++;
    else if (isPhoneValue(v)) phones++;
  }
  if (filled === 0) return undefined;
  if (emails * 2 >= filled) return 'email';
  if (phones * 2 >= filled) return 'phone';
  return undefined;
}

/** Whether a cell holds data of the kind (see the module comment). */
export function holdsContact(kind: ContactKind, value: string | undefined): boolean {
  const v = value?.trim();
  if (!v) return false;
  if (kind === 'email') return v.includes('@');
  if (kind === 'phone') return (v.match(/\d/g)?.length ?? 0) >= 6;
  return !isOneAddress(v);
}

/** The row's non-empty values of a kind, over all its columns. */
export function contactValues(columns: readonly number[], kind: ContactKind, cells: readonly string[]): string[] {
  const out: string[] = [];
  for (const i of columns) if (holdsContact(kind, cells[i])) out.push(cells[i].trim());
  return out;
}
