/**
 * Text folding and matching shared by the whole code base: every accent fold is here (free text, short
 * cells, headers, identity keys), one way to compile a vocabulary into a matcher, one bounded memo for
 * per-value verdicts.
 *
 * Matching is on folded text: lower case, accents removed, every run of punctuation or space turned into
 * one space. A `prefix` term must start at a word start ("adhésion" also matches "adhésions"; "tiers"
 * would not match "quartiers"); a `word` term must be a whole word ("don" does not match "donnée" or
 * "Londres"); an `acronym` is a whole word matched case-sensitively ("LE" is the electoral list, "le" an
 * article).
 */

export interface Terms {
  prefix?: readonly string[];
  word?: readonly string[];
  acronym?: readonly string[];
}

/** Accents removed and œ/æ spelled out; case and punctuation kept. The only accent folding of the code base. */
export function stripAccents(s: string): string {
  return s
    .replace(/[œŒ]/g, (c) => (c === 'œ' ? 'oe' : 'OE'))
    .replace(/[æÆ]/g, (c) => (c === 'æ' ? 'ae' : 'AE'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Accents removed, œ/æ spelled out, every run of non-alphanumerics turned into one space, trimmed. */
export function foldCase(s: string): string {
  return stripAccents(s)
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim();
}

/**
 * A short cell compared as typed: trimmed, lower case, accents removed, punctuation kept ("-" and "x"
 * are booleans, "N/A" is not "na a").
 */
export function foldWord(s: string): string {
  return stripAccents(s.trim()).toLowerCase();
}

/**
 * A header's key: folded, lower case, without spaces or punctuation ("Date d'entrée" → "datedentree"),
 * for the exact alias pass and `--map` / config column names.
 */
export function headerKey(s: string): string {
  return termKey(s).replace(/ /g, '');
}

/** A header's words, camelCase split ("optinTime" → "optin time"), lower case. */
export function headerWords(s: string): string[] {
  const f = foldCase(s).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return f ? f.split(' ') : [];
}

/**
 * The fold of a name inside an identity key (src/purge.ts, nameKey), whose keyed hash is written to
 * purge logs and suppression lists. Frozen as first written (every combining mark removed, œ kept as is,
 * punctuation kept, spaces collapsed), unlike foldCase: a change would give another hash for a name
 * already on a list, and the person who objected would no longer be found (verify, find, --suppress).
 */
export function foldIdentity(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Folded text, padded with a space at each end so word starts and ends are spaces. */
export interface Folded {
  lower: string;
  cased: string;
}

export function fold(s: string): Folded {
  const cased = ` ${foldCase(s)} `;
  return { lower: cased.toLowerCase(), cased };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The folded, lower-case key of a term or a whole cell. */
export const termKey = (t: string) => foldCase(t).toLowerCase();

export type Matcher = (f: Folded) => boolean;

/** Compiles a vocabulary once (per file) into at most two regular expressions. */
export function compile(terms: Terms): Matcher {
  const prefix = (terms.prefix ?? []).map(termKey).filter(Boolean);
  const word = (terms.word ?? []).map(termKey).filter(Boolean);
  const acronym = (terms.acronym ?? []).map(foldCase).filter(Boolean);
  const parts: string[] = [];
  if (prefix.length) parts.push(` (?:${prefix.map(escape).join('|')})`);
  if (word.length) parts.push(` (?:${word.map(escape).join('|')}) `);
  const lower = parts.length ? new RegExp(parts.join('|')) : null;
  const cased = acronym.length ? new RegExp(` (?:${acronym.map(escape).join('|')}) `) : null;
  return (f) => (lower !== null && lower.test(f.lower)) || (cased !== null && cased.test(f.cased));
}

/** Whole-word phrases: each term must match whole words of the folded text ("stop sms" in "STOP SMS le 3/11"). */
export function compileWords(words: Iterable<string>): Matcher {
  return compile({ word: [...words] });
}

/** Extra words from the config (SPEC §6): case-insensitive, from a word start; three letters or fewer, whole words. */
export function configTerms(words: readonly string[] | undefined): Terms {
  const prefix: string[] = [];
  const word: string[] = [];
  for (const w of words ?? []) (termKey(w).length <= 3 ? word : prefix).push(w);
  return { prefix, word };
}

const NO_VALUE: unique symbol = Symbol('no value');

/** A bounded memo for per-value verdicts: flat memory whatever the number of distinct values. */
export function memo<T>(fn: (s: string) => T, max = 4096): (s: string) => T {
  // An undefined verdict is kept as NO_VALUE: one look-up a call, not two.
  const cache = new Map<string, T | typeof NO_VALUE>();
  return (s) => {
    const hit = cache.get(s);
    if (hit !== undefined) return (hit === NO_VALUE ? undefined : hit) as T;
    const v = fn(s);
    if (cache.size >= max) cache.clear();
    cache.set(s, v === undefined ? NO_VALUE : v);
    return v;
  };
}
