/**
 * Every column holding contact data of one kind (issue #16): the mapped one, the look-alikes the
 * classifier knows (exact aliases), and columns whose name has a word of the kind — "Email perso",
 * "Tél. bureau", "Adresse 2". A social row's scrubbing and the suppression list must cover them all: a
 * scrubbed `email` next to an intact `Email perso` leaves the address in the "safe" file.
 *
 * A column counts for a row only when its value is of the kind (an address holds an `@`, a phone has
 * digits), so "Email consent = oui" is never emptied or hashed as an e-mail.
 */
import { fieldForHeader, type Mapping } from './mapping.js';
import { isOneAddress } from './mask.js';
import { headerWords } from './text.js';

export type ContactKind = 'email' | 'phone' | 'address';

const WORDS: Record<ContactKind, ReadonlySet<string>> = {
  email: new Set(['email', 'emails', 'mail', 'mails', 'courriel', 'courriels', 'mel']),
  phone: new Set(['tel', 'telephone', 'telephones', 'phone', 'phones', 'mobile', 'portable', 'gsm', 'cell', 'fixe']),
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
  for (const kind of ['email', 'phone', 'address'] as const) if (w.some((x) => WORDS[kind].has(x))) return kind;
  return undefined;
}

/** Column indexes of each kind: the mapped column first, then the others in header order. */
export function contactColumns(header: readonly string[], mapping: Mapping): Record<ContactKind, number[]> {
  const out: Record<ContactKind, number[]> = { email: [], phone: [], address: [] };
  const taken = new Set(Object.values(mapping));
  for (const kind of ['email', 'phone', 'address'] as const) if (mapping[kind] !== undefined) out[kind].push(mapping[kind]!);
  header.forEach((h, i) => {
    if (taken.has(i)) return;
    const kind = contactKindOf(h);
    if (kind) out[kind].push(i);
  });
  return out;
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
