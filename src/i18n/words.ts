/**
 * Words the data uses as codes (channels, categories, durations) put into the reader's language.
 * Findings carry these codes in their `params` (`{channel: "phone", category: "regular_contact",
 * duration: "3y"}`): a program reads the codes, a person reads "téléphone", "contact régulier",
 * "3 ans". Done where text is made (renderers, summary), never in the core.
 */
import type { Lang } from '../types.js';
import { hasMessage, t } from './index.js';
import { memo } from '../text.js';

/** Whether a count takes the singular: 1 in English; 0 and 1 in French ("0 jour", "1 an"). */
export function singular(lang: Lang, n: number): boolean {
  return lang === 'fr' ? n < 2 : n === 1;
}

/** A duration code ("3y", "36m", "2w", "90d", "1y2m") in words; an unreadable one as it is. */
export function durationWords(lang: Lang, duration: string): string {
  const parts = /^\s*(\d+[dwmy]\s*)+$/i.test(duration) ? duration.toLowerCase().match(/\d+[dwmy]/g) : null;
  if (!parts) return duration;
  return parts
    .map((p) => {
      const n = Number(p.slice(0, -1));
      const unit = p.slice(-1);
      return t(lang, `report.duration.${unit}${singular(lang, n) ? '1' : ''}`, { n });
    })
    .join(' ');
}

/** Codes in words from the catalogue (`<prefix>.<code>`); a code it does not know as it is. */
function wordsOf(prefix: string): (lang: Lang, code: string) => string {
  return (lang, code) => {
    const id = `${prefix}.${code}`;
    return hasMessage(id, lang) ? t(lang, id) : code;
  };
}

/** A channel code in words ("phone" → "téléphone"). */
export const channelWord = wordsOf('words.channel');
/** A category code in words ("regular_contact" → "contact régulier"). */
export const categoryWord = wordsOf('report.category');
/** A canonical field code in words ("membership_end" → "fin d’adhésion"); a column name as it is. */
export const fieldWord = wordsOf('words.field');
/** A source code in words ("file_rental" → "fichier loué"); free text (a source cell) as it is. */
export const sourceWord = wordsOf('report.source');
/** An identity kind of a rights request ("email", "name") in words. */
export const identityWord = wordsOf('words.identity');
/** A date order code ("dmy") in words. */
const orderWord = wordsOf('words.order');

/** A list of codes joined by ", " (as rules join them), each put in words. */
function listOf(word: (lang: Lang, code: string) => string, lang: Lang, value: string): string {
  return value
    .split(',')
    .map((s) => word(lang, s.trim()))
    .join(', ');
}

/** Param names whose values are codes, and how to word them. */
const WORDERS: Record<string, (lang: Lang, value: string) => string> = {
  channel: channelWord,
  channels: (lang, v) => listOf(channelWord, lang, v),
  basis: (lang, v) => listOf(channelWord, lang, v),
  category: categoryWord,
  duration: durationWords,
  default: durationWords,
  // `fields` holds canonical field codes (retention-unknown); `field` is a column name, left as it is.
  fields: (lang, v) => listOf(fieldWord, lang, v),
  source: sourceWord,
  order: orderWord,
  kinds: (lang, v) => v.split('+').map((k) => identityWord(lang, k)).join(' + '),
};

/**
 * The worders above, memoised per language: findings and purge-log reasons are worded per row, and the
 * codes they word are few (a handful of channels, categories and durations), so each is worded once.
 */
const MEMO_WORDERS: Record<Lang, Record<string, (value: string) => string>> = {
  en: memoWorders('en'),
  fr: memoWorders('fr'),
};

function memoWorders(lang: Lang): Record<string, (value: string) => string> {
  return Object.fromEntries(Object.entries(WORDERS).map(([k, w]) => [k, memo((v: string) => w(lang, v), 256)]));
}

/** A message's params with their codes put in words (a new object; the finding keeps its codes). */
export function wordParams(lang: Lang, params: Record<string, string | number> | undefined): Record<string, string | number> {
  if (!params) return {};
  const worders = MEMO_WORDERS[lang];
  let out: Record<string, string | number> | undefined;
  for (const k in params) {
    const w = worders[k];
    const v = params[k];
    if (w === undefined || typeof v !== 'string') continue;
    const worded = w(v);
    if (worded !== v) (out ??= { ...params })[k] = worded;
  }
  return out ?? params;
}
