/** Reading channel names (`--for`, the `channel` column, a `consent` column listing channels). */
import type { Channel } from './types.js';
import { normalizeWord } from './read/values.js';

/** Words naming each channel, FR/EN, accent- and case-insensitive, matched as whole tokens. */
export const CHANNEL_WORDS: Record<Channel, readonly string[]> = {
  email: ['email', 'e-mail', 'mail', 'courriel', 'emailing', 'newsletter', 'mel'],
  sms: ['sms', 'mms', 'texto', 'textos', 'text'],
  automated_call: ['automated_call', 'automate', 'automates', 'automated call', 'robocall', 'appel automatise', 'appels automatises', 'automate d appel'],
  phone: ['phone', 'telephone', 'tel', 'appel', 'appels', 'call', 'phoning'],
  post: ['post', 'courrier', 'postal', 'lettre', 'mailing postal', 'courrier postal'],
  social: ['social', 'reseaux', 'reseau social', 'reseaux sociaux', 'social media', 'facebook', 'instagram', 'twitter', 'linkedin', 'tiktok', 'whatsapp', 'telegram', 'messenger', 'dm', 'ads', 'custom audience'],
  door: ['door', 'porte a porte', 'porte-a-porte', 'pap', 'door to door', 'door-to-door', 'canvass', 'canvassing', 'boitage', 'tractage'],
};

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
const parsedChannels = new Map<string, Channel[]>();
export function parseChannels(cell: string | undefined): Channel[] {
  if (!cell) return [];
  const hit = parsedChannels.get(cell);
  if (hit) return hit.slice();
  const v = parseChannels2(cell);
  if (parsedChannels.size >= 4096) parsedChannels.clear();
  parsedChannels.set(cell, v);
  return v.slice();
}
function parseChannels2(cell: string): Channel[] {
  const out: Channel[] = [];
  for (const part of cell.split(/[;,/|+&]| et | and /i)) {
    const ch = channelOf(part);
    if (ch && !out.includes(ch)) out.push(ch);
  }
  return out;
}
