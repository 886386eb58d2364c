/**
 * Reading a consent or objection cell into a word class (SPEC §4; issue 11): the whole cell first ("oui",
 * "subscribed", a date), then the words inside a longer cell ("double opt-in confirmé", "désabonné SMS
 * le 03/11"), each with the negation beside it ("opt-in : non", "no opt-in", "pas d'opposition"). This
 * is reading, not law: what each class is worth (consent, objection, for which channel) is decided in
 * src/law/consent.ts. Memoised by the caller per distinct cell value.
 */
import { booleanReader, parseDate, type BooleanVocabulary } from './values.js';
import { foldWord, termKey } from '../text.js';
import { GENERAL_OBJECTION_WORDS, NEGATION_FILLERS, NEGATION_WORDS, NO_WORDS, OPTOUT_WORDS, REFUSAL_WORDS, STATUS_WORDS, YES_WORDS } from '../vocabulary/consent.js';
import { CHANNEL_WORDS } from '../vocabulary/channels.js';

/**
 * A cell's word class. `yes` an opt-in, `status` a list state ("subscribed"), `no` no consent ("pending",
 * "non abonné"), `false` a plain no ("non", "opt-in : non"), `refused` an explicit refusal, `optout` an
 * opt-out, `optoutAll` an opt-out worded for every channel, `date` a date alone.
 */
export type CellWord = 'yes' | 'status' | 'no' | 'false' | 'refused' | 'optout' | 'optoutAll' | 'date';

type WordClass = Exclude<CellWord, 'false' | 'date'>;
/** Strongest first: in a cell naming several, the first un-negated one decides. */
const ORDER: readonly WordClass[] = ['optoutAll', 'optout', 'refused', 'no', 'yes', 'status'];
const LISTS: Record<WordClass, readonly string[]> = {
  optoutAll: GENERAL_OBJECTION_WORDS, optout: OPTOUT_WORDS, refused: REFUSAL_WORDS, no: NO_WORDS, yes: YES_WORDS, status: STATUS_WORDS,
};

interface Phrase {
  tokens: readonly string[];
  cls: WordClass;
}

/** Phrases by first token, longest first; a phrase in two lists keeps the stronger class. */
const PHRASES: ReadonlyMap<string, readonly Phrase[]> = (() => {
  const byKey = new Map<string, Phrase>();
  for (const cls of ORDER) {
    for (const w of LISTS[cls]) {
      const key = termKey(w);
      if (key && !byKey.has(key)) byKey.set(key, { tokens: key.split(' '), cls });
    }
  }
  const out = new Map<string, Phrase[]>();
  for (const p of byKey.values()) {
    const list = out.get(p.tokens[0]) ?? [];
    list.push(p);
    out.set(p.tokens[0], list);
  }
  for (const list of out.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return out;
})();
const EXACT: ReadonlyMap<string, WordClass> = new Map([...PHRASES.values()].flat().map((p) => [p.tokens.join(' '), p.cls]));

const NEGATIONS: ReadonlySet<string> = new Set(NEGATION_WORDS.map(termKey));
const FILLERS: ReadonlySet<string> = new Set(NEGATION_FILLERS.map(termKey));
/** One-word channel names, which may stand between a word and a negation after it ("opt-in email : non"). */
const CHANNEL_TOKENS: ReadonlySet<string> = new Set(Object.values(CHANNEL_WORDS).flat().map(termKey).filter((w) => w && !w.includes(' ')));

/** Tokens of a cell, each with whether punctuation other than an apostrophe or a joining hyphen precedes it. */
function tokenize(raw: string): { tokens: string[]; hard: boolean[] } {
  const s = foldWord(raw);
  const tokens: string[] = [];
  const hard: boolean[] = [];
  let last = 0;
  for (const m of s.matchAll(/[a-z0-9]+/g)) {
    const gap = s.slice(last, m.index);
    hard.push(tokens.length > 0 && !/^(?:\s+|\s*['’`]\s*|[-_])$/.test(gap));
    tokens.push(m[0]);
    last = m.index + m[0].length;
  }
  return { tokens, hard };
}

interface Hit {
  cls: WordClass;
  start: number;
  end: number;
  negated: boolean;
}

/** The phrase starting at token i, if any (longest first). */
function phraseAt(tokens: readonly string[], i: number): Phrase | undefined {
  return PHRASES.get(tokens[i])?.find((p) => p.tokens.every((t, k) => tokens[i + k] === t));
}

/**
 * The word class of the words inside a cell. A negation binds to the word right after it (a filler
 * such as "d'" between: "pas d'opt-in"), else to the word before it when only channel names stand
 * between and the negation ends the cell or its clause ("opt-in email : non", "opposition : non"). A negated word never makes a consent: a negated
 * opt-in is a plain no, a negated list status, opt-out or refusal says nothing ("non inscrit",
 * "pas d'opposition"). A cell of negations alone ("Non.") is a plain no.
 */
export function wordsOf(raw: string): CellWord | undefined {
  const { tokens, hard } = tokenize(raw);
  const hits: Hit[] = [];
  const negators: number[] = [];
  for (let i = 0; i < tokens.length; ) {
    const p = phraseAt(tokens, i);
    if (NEGATIONS.has(tokens[i]) && (!p || p.tokens.length === 1)) {
      negators.push(i);
      i++;
    } else if (p) {
      hits.push({ cls: p.cls, start: i, end: i + p.tokens.length - 1, negated: false });
      i += p.tokens.length;
    } else i++;
  }
  for (const j of negators) {
    const next = hits.find((h) => h.start > j);
    const forward =
      next !== undefined &&
      ((next.start === j + 1 && !hard[j + 1]) || (next.start === j + 2 && FILLERS.has(tokens[j + 1]) && !hard[j + 1] && !hard[j + 2]));
    if (forward) {
      next.negated = true;
      continue;
    }
    // Backwards only when the negation ends the cell or its clause: "opt-in : non", not "stop, pas de SMS".
    const prev = j + 1 === tokens.length || hard[j + 1] ? [...hits].reverse().find((h) => h.end < j) : undefined;
    if (prev && tokens.slice(prev.end + 1, j).every((t) => CHANNEL_TOKENS.has(t) || FILLERS.has(t))) {
      prev.negated = true;
      continue;
    }
    // An unbound negation that is itself a "no" word ("aucun (import)") is that word.
    const own = EXACT.get(tokens[j]);
    if (own) hits.push({ cls: own, start: j, end: j, negated: false });
  }
  for (const cls of ORDER) if (hits.some((h) => h.cls === cls && !h.negated)) return cls;
  if (hits.some((h) => h.cls === 'yes')) return 'false';
  if (hits.length) return 'no';
  if (tokens.length > 0 && negators.length === tokens.length) return 'false';
  return undefined;
}

/**
 * A reader of consent and objection cells: the config's extra boolean words, then the whole cell as a
 * word of the lists, a boolean, a date, then the words inside it (`wordsOf`).
 */
export function consentCellReader(booleans?: Partial<BooleanVocabulary>): (raw: string) => CellWord | undefined {
  const bool = booleanReader(booleans);
  const extraTrue = new Set((booleans?.true ?? []).map(foldWord));
  const extraFalse = new Set((booleans?.false ?? []).map(foldWord));
  return (raw) => {
    const w = foldWord(raw);
    if (extraTrue.has(w)) return 'yes';
    if (extraFalse.has(w)) return 'false';
    const exact = EXACT.get(termKey(raw));
    if (exact) return exact;
    const b = bool(raw);
    if (b !== undefined) return b ? 'yes' : 'false';
    if (typeof parseDate(raw) === 'number') return 'date';
    return wordsOf(raw);
  };
}

/** The answer a first-message reply cell gives: a yes, a no, or nothing readable. */
export function replyOf(word: CellWord | undefined): 'yes' | 'no' | undefined {
  if (word === 'yes' || word === 'status' || word === 'date') return 'yes';
  if (word === undefined) return undefined;
  return 'no';
}
