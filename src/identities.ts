/**
 * A row's identities as the purge log hashes them and rights requests match them (issue #13): its id,
 * e-mails and phones normalised as a person would give them back, and its name key. Kept apart from
 * src/purge.ts with few imports: the purge log's worker thread (src/purge-log-worker.ts) normalises the
 * rows' identity cells itself, so the thread that reads the rows does not.
 */
import type { ContactKind } from './contact-columns.js';
import { formatDay, parseDate } from './read/values.js';
import { foldIdentity } from './text.js';

export function normalizeId(raw: string | undefined): string | undefined {
  const v = raw?.normalize('NFC').trim();
  return v ? v : undefined;
}

/** Emails compare case-insensitively in practice (exports differ in case): lower-cased and trimmed. */
export function normalizeEmail(raw: string | undefined): string | undefined {
  const v = raw?.normalize('NFC').trim().toLowerCase();
  return v ? v : undefined;
}

/**
 * French overseas numbers: the national prefix (after the 0) → their own country code, so `0692…` and
 * `+262 692…` hash the same (ARCEP numbering plan).
 */
const OVERSEAS: Readonly<Record<string, string>> = {
  '590': '590', '690': '590', '691': '590', // Guadeloupe, Saint-Martin, Saint-Barthélemy
  '594': '594', '694': '594', // Guyane
  '596': '596', '696': '596', '697': '596', // Martinique
  '262': '262', '263': '262', '692': '262', '693': '262', // La Réunion
  '269': '262', '639': '262', // Mayotte
  '508': '508', // Saint-Pierre-et-Miquelon
};

function international(cc: string, national: string): string {
  return `+${OVERSEAS[national.slice(0, 3)] ?? cc}${national}`;
}

/**
 * A phone number in an E.164-like form, so the same person hashes the same whichever way an export
 * writes it: `06 00 00 11 01`, `+33 6 00 00 11 01`, `0033600001101`, `+33 (0)6…` and Excel's
 * `600001101` (leading zero lost) all give `+33600001101`. A number that is not French is kept as
 * `+` and its digits; anything else as its digits.
 */
export function normalizePhone(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.normalize('NFKC').trim();
  let d = s.replace(/\D/g, '');
  if (!d) return undefined;
  let plus = s.startsWith('+');
  if (!plus && d.startsWith('00')) {
    d = d.slice(2);
    plus = true;
  }
  if (plus) {
    if (d.startsWith('33')) {
      // "+33 (0)6…": the trunk 0 is not part of the international number.
      const national = d.length === 12 && d[2] === '0' ? d.slice(3) : d.slice(2);
      if (national.length === 9) return international('33', national);
    }
    return `+${d}`;
  }
  if (d.length === 10 && d[0] === '0') return international('33', d.slice(1));
  if (d.length === 9 && d[0] !== '0') return international('33', d);
  if (d.length === 11 && d.startsWith('33')) return international('33', d.slice(2));
  return d;
}

/**
 * `last name|first name|birth date`, accents removed, lower-cased, the date as YYYY-MM-DD, an absent
 * part left empty; undefined without a name. `birth` is read as any date of the input.
 */
export function nameKey(last: string | undefined, first: string | undefined, birth: string | undefined): string | undefined {
  if (!last?.trim() && !first?.trim()) return undefined;
  const born = parseDate(birth);
  return `${foldIdentity(last ?? '')}|${foldIdentity(first ?? '')}|${typeof born === 'number' ? formatDay(born) : ''}`;
}

/** A row's contact columns of each kind (contactColumns): the mapped one first, then the look-alikes. */
export type ContactCols = Record<ContactKind, number[]>;

/**
 * The row's distinct normalised values of one kind over all its columns of that kind (issue #13: a
 * HubSpot number sits in `Mobile Phone Number`, a Google address in `E-mail 2 - Value`). An empty list
 * is shared, not allocated, for the rows that have none.
 */
export function distinctContacts(kind: 'email' | 'phone', cols: readonly number[], cells: readonly string[]): readonly string[] {
  let out: string[] | undefined;
  for (let k = 0; k < cols.length; k++) {
    const raw = cells[cols[k]];
    if (!raw) continue;
    // holdsContact's test (an e-mail holds an `@`, a phone six digits or more), on the normalised value:
    // no copy of the cell per purged row.
    const v = kind === 'email' ? normalizeEmail(raw) : normalizePhone(raw);
    if (!v || (kind === 'email' ? v.indexOf('@') === -1 : v.length - (v.charCodeAt(0) === 43 ? 1 : 0) < 6)) continue;
    if (out?.includes(v)) continue;
    (out ??= []).push(v);
  }
  return out ?? NONE;
}
const NONE: readonly string[] = Object.freeze([]);

/** Everything that identifies a row over every contact column: what the purge log hashes and rights requests match. */
export interface RowIdentities {
  id?: string;
  emails: readonly string[];
  phones: readonly string[];
  /** The name key, only when the row has no e-mail and no phone (see identitiesOf). */
  name?: string;
}

/**
 * A row's identities from its id cell, its normalised e-mails and phones, and its name key (`name`,
 * asked only when the row has no e-mail and no phone).
 */
export function identitiesFrom(id: string | undefined, emails: readonly string[], phones: readonly string[], name: () => string | undefined): RowIdentities {
  const out: RowIdentities = { emails, phones };
  const v = normalizeId(id);
  if (v) out.id = v;
  if (!emails.length && !phones.length) {
    const n = name();
    if (n) out.name = n;
  }
  return out;
}
