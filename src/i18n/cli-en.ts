import type { Catalogue } from './index.js';

/**
 * Messages added with report schema v2 and the CLI in one language (issue 14): words for codes, help
 * texts, commander's usage errors, totals over several files, CI formats. Same keys as `cli-fr.ts`.
 */
export const cliEn: Catalogue = {
  'words.channel.email': 'email',
  'words.channel.sms': 'SMS',
  'words.channel.automated_call': 'automated calls',
  'words.channel.phone': 'phone',
  'words.channel.post': 'post',
  'words.channel.social': 'social networks',
  'words.channel.door': 'door-to-door',
  'words.channel.ads': 'political ads',
};
