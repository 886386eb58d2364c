/**
 * Words the data uses as codes (channels, categories, durations) put into the reader's language.
 * Findings carry these codes in their `params` (`{channel: "phone", category: "regular_contact",
 * duration: "3y"}`): a program reads the codes, a person reads "téléphone", "contact régulier",
 * "3 ans". Done where text is made (renderers, summary), never in the core.
 */
import type { Lang } from '../types.js';
import { hasMessage, t } from './index.js';

/** A duration code ("3y", "36m", "2w", "90d", "1y2m") in words; an unreadable one as it is. */
export function durationWords(lang: Lang, duration: string): string {
  const parts = /^\s*(\d+[dwmy]\s*)+$/i.test(duration) ? duration.toLowerCase().match(/\d+[dwmy]/g) : null;
  if (!parts) return duration;
  return parts
    .map((p) => {
      const n = Number(p.slice(0, -1));
      const unit = p.slice(-1);
      return t(lang, `report.duration.${unit}${n === 1 ? '1' : ''}`, { n });
    })
    .join(' ');
}

/** A channel code in words ("phone" → "téléphone"); unknown codes as they are. */
export function channelWord(lang: Lang, channel: string): string {
  const id = `words.channel.${channel}`;
  return hasMessage(id, lang) ? t(lang, id) : channel;
}

/** A category code in words ("regular_contact" → "contact régulier"). */
export function categoryWord(lang: Lang, category: string): string {
  const id = `report.category.${category}`;
  return hasMessage(id, lang) ? t(lang, id) : category;
}

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
};

/** A message's params with their codes put in words (a new object; the finding keeps its codes). */
export function wordParams(lang: Lang, params: Record<string, string | number> | undefined): Record<string, string | number> {
  if (!params) return {};
  let out: Record<string, string | number> | undefined;
  for (const [k, v] of Object.entries(params)) {
    const w = WORDERS[k];
    if (!w || typeof v !== 'string') continue;
    const worded = w(lang, v);
    if (worded !== v) (out ??= { ...params })[k] = worded;
  }
  return out ?? params;
}
