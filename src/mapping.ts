/**
 * Header mapping (SPEC §3): each input column maps to at most one canonical field, by an alias table
 * matched case-, accent-, space- and punctuation-insensitively; the config and `--map` override it.
 */
import { AuditError } from './errors.js';
import { FIELDS, type Field } from './types.js';
import { headerKey, headerWords } from './text.js';

import { ALIASES } from './vocabulary/headers.js';
import { BAD_ADDRESS_NOT_OBJECTION } from './law/consent.js';
import { BAD_ADDRESS_WORDS, CHANNEL_WORDS, CONSENT_WORDS, DATE_WORDS, FIELD_WORDS, OBJECTION_WORDS, OTHER_WORDS, PREFERRED_WORDS } from './vocabulary/header-tokens.js';

export { ALIASES };

/** Case-, accent-, space- and punctuation-insensitive key of a header or alias (src/text.ts). */
export const normalizeHeader = headerKey;

/** normalized alias → field and rank (position in the field's alias list: lower wins). */
const ALIAS_INDEX: Map<string, { field: Field; rank: number }> = (() => {
  const m = new Map<string, { field: Field; rank: number }>();
  for (const field of FIELDS) {
    ALIASES[field].forEach((alias, rank) => {
      const key = normalizeHeader(alias);
      if (!m.has(key)) m.set(key, { field, rank });
    });
  }
  return m;
})();

/** The field an alias names, or undefined. */
export function fieldForHeader(header: string): Field | undefined {
  return ALIAS_INDEX.get(normalizeHeader(header))?.field;
}

export type Mapping = Partial<Record<Field, number>>;

/** A header folded to lower-case ASCII words between spaces: "Tél. portable" → " tel portable ". */
function words(s: string): string {
  return ` ${headerWords(s).join(' ')} `;
}
const hasAny = (w: string, list: readonly string[]) => list.some((x) => w.includes(` ${x} `));

/** The channel an objection header names by its words ("Désabonné SMS", "Email blacklisted"), if any. */
export function objectionChannelForWords(header: string): string | undefined {
  const o = objectionForWords(header);
  return o && o !== 'all' ? o : undefined;
}

/**
 * Whether a header names an objection by its words, and to what: a channel ("Désabonné SMS", "Date de
 * désinscription SMS": a date there is the objection's), or `all` ("Désinscrit", "Ne souhaite plus être
 * contacté", "Ne pas relancer"). Not when a word says the column is about something else (its reason,
 * its campaign, an id, a count: UNSUB_REASON), nor a bad address (NPAI).
 */
export function objectionForWords(header: string): string | undefined {
  const w = words(header);
  // A bad address (NPAI) is not the person's objection (law/consent.ts).
  if ((BAD_ADDRESS_NOT_OBJECTION.value && hasAny(w, BAD_ADDRESS_WORDS)) || hasAny(w, OTHER_WORDS) || !hasAny(w, OBJECTION_WORDS)) return undefined;
  return CHANNEL_WORDS.find(([, list]) => hasAny(w, list))?.[0] ?? 'all';
}

/**
 * What a header's words say the column is about, beyond the data it names: an objection, a consent, a
 * date, or something else (an IP, an id, a type, a bounce): "Email blacklisted", "Email consent",
 * "Date email", "EMAIL_TYPE" are about an e-mail, they do not hold one.
 */
export function headerWordClass(header: string): 'objection' | 'consent' | 'date' | 'other' | undefined {
  const w = words(header);
  if (hasAny(w, BAD_ADDRESS_WORDS)) return 'other';
  if (hasAny(w, OBJECTION_WORDS)) return 'objection';
  if (hasAny(w, CONSENT_WORDS)) return 'consent';
  if (hasAny(w, DATE_WORDS)) return 'date';
  if (hasAny(w, OTHER_WORDS)) return 'other';
  return undefined;
}

/** What an unmapped header looks like by its words (contact data, consent, objection, date), if anything. */
export function looksLike(header: string): 'contact' | 'consent' | 'objection' | 'date' | undefined {
  const cls = headerWordClass(header);
  if (cls === 'other') return undefined;
  if (cls) return cls;
  const w = words(header);
  if (FIELD_WORDS.some(([f, list]) => (f === 'email' || f === 'phone') && hasAny(w, list))) return 'contact';
  return undefined;
}

/**
 * The field a header names by its words, when no alias does: none when a date or other word says the
 * column is about something else; an objection or a consent first (with the channel they name), then
 * contact and origin fields.
 */
export function fieldForWords(header: string): Field | undefined {
  const w = words(header);
  if (hasAny(w, OTHER_WORDS) || hasAny(w, DATE_WORDS) || hasAny(w, BAD_ADDRESS_WORDS)) return undefined;
  const channel = CHANNEL_WORDS.find(([, list]) => hasAny(w, list))?.[0];
  if (hasAny(w, OBJECTION_WORDS)) return channel ? undefined : 'objection';
  if (hasAny(w, CONSENT_WORDS)) return channel ? (`consent_${channel}` as Field) : 'consent';
  return FIELD_WORDS.find(([, list]) => hasAny(w, list))?.[0];
}

/** Whether a header has a word its field prefers among several columns (a mobile for `phone`). */
function prefersWords(field: Field, header: string): boolean {
  const list = PREFERRED_WORDS[field];
  return list !== undefined && hasAny(words(header), list);
}

/** A field's trimmed value in a row's cells; undefined when unmapped, missing or blank. The engine's reading. */
export function fieldGetter(mapping: Mapping, cells: readonly string[]): (field: Field) => string | undefined {
  return (field) => {
    const i = mapping[field];
    const v = i === undefined ? undefined : cells[i]?.trim();
    return v ? v : undefined;
  };
}

export interface MappingResult {
  mapping: Mapping;
  /** field → column name, as the report records it. */
  named: Partial<Record<Field, string>>;
  unmapped: string[];
}

/** Fields of which at least one must be mapped: without any, the file holds no contact to audit. */
export const CONTACT_FIELDS: readonly Field[] = ['email', 'phone', 'address', 'last_name', 'first_name'];

/** A column by exact name, by normalised name, or by 1-based position "#3" (for empty or duplicate names). */
function findColumn(header: string[], column: string): number {
  const pos = /^#(\d+)$/.exec(column.trim());
  if (pos) {
    const n = Number(pos[1]);
    return n >= 1 && n <= header.length ? n - 1 : -1;
  }
  let i = header.indexOf(column);
  if (i === -1) {
    const key = normalizeHeader(column);
    i = header.findIndex((h) => normalizeHeader(h) === key);
  }
  return i;
}

/**
 * Resolves the mapping. Explicit mappings (config, then `--map`, later wins) come first; then aliases,
 * the first column per field. Duplicate or empty header names are errors unless mapped explicitly.
 * `reserved`: columns an export profile reads itself or knows to hold no field (Mailchimp's
 * non-subscribed CONFIRM_TIME, Brevo's undated DOUBLE_OPT-IN): no alias or word maps them.
 */
export function resolveMapping(header: string[], explicit: Record<string, string> = {}, reserved: ReadonlySet<number> = new Set()): MappingResult {
  const mapping: Mapping = {};
  const taken = new Set<number>();
  // Every mapped column the header lacks, at once (issue 14), not the first alone.
  const missing: [string, string][] = [];
  for (const [field, column] of Object.entries(explicit)) {
    if (!(FIELDS as readonly string[]).includes(field)) {
      throw new AuditError('E_MAP_UNKNOWN_FIELD', { field, fields: FIELDS.join(', ') });
    }
    const i = findColumn(header, column);
    if (i === -1) {
      missing.push([field, column]);
      continue;
    }
    mapping[field as Field] = i;
    taken.add(i);
  }
  if (missing.length) throw new AuditError('E_MAP_UNKNOWN_COLUMN', { field: missing[0][0], column: missing[0][1], missing: JSON.stringify(missing) });
  // One named cell over several columns is a title above the header ("Fichier militants 2026;;;"), not a
  // header whose columns need names (issue 12 item 6).
  const titled = header.filter((h) => h.trim() !== '');
  if (header.length > 2 && titled.length === 1 && Object.keys(explicit).length === 0) {
    throw new AuditError('E_TITLE_ROW', { title: titled[0].trim().slice(0, 80) }, { line: 1 });
  }
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    // A column an export profile knows is Outlook FR's second `Titre`, not a duplicate to resolve.
    if (taken.has(i) || reserved.has(i)) return;
    if (name.trim() === '') throw new AuditError('E_HEADER_EMPTY', { position: i + 1 }, { line: 1 });
    const first = seen.get(name.trim());
    if (first !== undefined) {
      throw new AuditError('E_HEADER_DUPLICATE', { column: name.trim(), first: first + 1, second: i + 1 }, { line: 1 });
    }
    seen.set(name.trim(), i);
  });
  const explicitIdx = new Set(taken);
  for (const i of reserved) taken.add(i);
  // Per field, the column whose alias ranks first ("source" beats "acquisition"), then the leftmost.
  const best = new Map<Field, { index: number; rank: number }>();
  header.forEach((name, i) => {
    if (taken.has(i)) return;
    const hit = ALIAS_INDEX.get(normalizeHeader(name));
    if (!hit || mapping[hit.field] !== undefined) return;
    const cur = best.get(hit.field);
    if (!cur || hit.rank < cur.rank) best.set(hit.field, { index: i, rank: hit.rank });
  });
  for (const [field, { index }] of best) {
    mapping[field] = index;
    taken.add(index);
  }
  // Then by meaningful words, for headers no alias names (issue 12 item 3): per field the first column
  // whose words the field prefers ("Tél. mobile" over "Téléphone de l'assistant(e)"), else the first.
  const byWords = new Map<Field, number>();
  header.forEach((name, i) => {
    if (taken.has(i)) return;
    const field = fieldForWords(name);
    if (!field || mapping[field] !== undefined) return;
    const cur = byWords.get(field);
    if (cur === undefined || (!prefersWords(field, header[cur]) && prefersWords(field, name))) byWords.set(field, i);
  });
  for (const [field, i] of byWords) {
    mapping[field] = i;
    taken.add(i);
  }
  const named: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) if (mapping[field] !== undefined) named[field] = header[mapping[field]!];
  const unmapped = header.filter((_, i) => !taken.has(i) || (reserved.has(i) && !explicitIdx.has(i)));
  return { mapping, named, unmapped };
}
