/** Reading channel names (`--for`, the `channel` column, a `consent` column listing channels). */
import type { Channel } from './types.js';
import { fold, foldWord, memo, termKey } from './text.js';

import { CELL_ONLY_WORDS, CHANNEL_WORDS } from './vocabulary/channels.js';

export { CHANNEL_WORDS };

const INDEX: Map<string, Channel> = (() => {
  const m = new Map<string, Channel>();
  for (const [ch, words] of Object.entries(CHANNEL_WORDS) as [Channel, readonly string[]][]) {
    for (const w of words) m.set(foldWord(w).replace(/[-_]/g, ' '), ch);
  }
  return m;
})();

/** The channel one word names, or undefined. */
export function channelOf(word: string): Channel | undefined {
  return INDEX.get(foldWord(word).replace(/[-_]/g, ' ').replace(/\s+/g, ' '));
}

/** Channels listed in a cell: "email;sms", "Email, SMS", "porte-à-porte / téléphone". */
const parsedChannels = memo(parseChannelList);
export function parseChannels(cell: string | undefined): Channel[] {
  return cell ? parsedChannels(cell).slice() : [];
}
function parseChannelList(cell: string): Channel[] {
  const out: Channel[] = [];
  for (const part of cell.split(/[;,/|+&]| et | and /i)) {
    const ch = channelOf(part);
    if (ch && !out.includes(ch)) out.push(ch);
  }
  return out;
}

/**
 * Channels named anywhere in a free-text cell: first as a list ("email;sms"), else as words inside a
 * phrase ("envoi SMS municipal", "Custom audience Facebook"). Longer phrases are matched first and
 * consumed, so "courrier électronique" is email, not post; short ambiguous words count only as a whole
 * cell or list item (CELL_ONLY_WORDS: "ad hoc" is no ad). Memoised per distinct cell value.
 */
const CELL_ONLY: ReadonlySet<string> = new Set(CELL_ONLY_WORDS.map(termKey));
const PHRASES: readonly [Channel, RegExp, string][] = (Object.entries(CHANNEL_WORDS) as [Channel, readonly string[]][])
  .flatMap(([ch, words]) => words.map((w) => [ch, termKey(w)] as [Channel, string]))
  .filter(([, w]) => w !== '' && !CELL_ONLY.has(w))
  .sort((a, b) => b[1].length - a[1].length)
  .map(([ch, w]) => [ch, new RegExp(` ${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `), w]);
/** Social channel words that only name a network. */
const NETWORK_NAMES: ReadonlySet<string> = new Set(['facebook', 'instagram', 'twitter', 'linkedin', 'tiktok', 'whatsapp', 'telegram', 'messenger']);

const channelsInCell = memo((cell: string): Channel[] => {
  const listed = parseChannelList(cell);
  if (listed.length) return listed;
  let text = fold(cell).lower;
  const out: Channel[] = [];
  let socialByName = true;
  for (const [ch, re, word] of PHRASES) {
    const m = re.exec(text);
    if (!m) continue;
    if (!out.includes(ch)) out.push(ch);
    if (ch === 'social' && !NETWORK_NAMES.has(word)) socialByName = false;
    text = text.slice(0, m.index) + ' '.repeat(m[0].length - 1) + text.slice(m.index + m[0].length - 1);
  }
  // "Custom audience Facebook": the network is where the ad runs, not a social contact.
  if (out.includes('ads') && out.includes('social') && socialByName) out.splice(out.indexOf('social'), 1);
  // Keep the order of CHANNEL_WORDS, so that the same phrase always gives the same list.
  return CHANNEL_ORDER.filter((c) => out.includes(c));
});
const CHANNEL_ORDER = Object.keys(CHANNEL_WORDS) as Channel[];

export function channelsInText(cell: string | undefined): Channel[] {
  return cell ? channelsInCell(cell).slice() : [];
}
