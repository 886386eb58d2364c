import type { Catalogue } from './index.js';

/**
 * Messages ajoutés avec le schéma de rapport v2 et la CLI en une seule langue (issue 14). Mêmes clés
 * que `cli-en.ts`.
 */
export const cliFr: Catalogue = {
  'words.channel.email': 'e-mail',
  'words.channel.sms': 'SMS',
  'words.channel.automated_call': 'automate d’appel',
  'words.channel.phone': 'téléphone',
  'words.channel.post': 'courrier',
  'words.channel.social': 'réseaux sociaux',
  'words.channel.door': 'porte-à-porte',
  'words.channel.ads': 'publicité politique',
};
