/** Reading channel names (`--for`, the `channel` column, a `consent` column listing channels). */
import type { Channel } from './types.js';
import { normalizeWord } from './read/values.js';
import { memo } from './text.js';

import { CHANNEL_WORDS } from './vocabulary/channels.js';

export { CHANNEL_WORDS };

const INDEX: Map<string, Channel> = (() => {
  const m = new Map<string, Channel>();
  for (const [ch, words] of Object.entries(CHANNEL_WORDS) as [Channel, readonly string[]][]) {
    for (const w of words) m.set(normalizeWord(w).replace(/[-_]/g, ' '), ch);
  }
  return m;
})();

/** The channel one word names, or undefined. */
export function channelOf(word: string): Channel | undefined {
  return INDEX.get(normalizeWord(word).replace(/[-_]/g, ' ').replace(/\s+/g, ' '));
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
