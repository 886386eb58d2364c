/** Channel words (`--for`, the `channel` column, a `consent` column listing channels): data only. */
import type { Channel } from '../types.js';

/** Words naming each channel, FR/EN, accent- and case-insensitive, matched as whole tokens. */
export const CHANNEL_WORDS: Record<Channel, readonly string[]> = {
  email: ['email', 'e-mail', 'mail', 'mails', 'emails', 'courriel', 'courriels', 'courrier electronique', 'emailing', 'newsletter', 'mel'],
  sms: ['sms', 'mms', 'texto', 'textos', 'text'],
  automated_call: ['automated_call', 'automate', 'automates', 'automated call', 'robocall', 'appel automatise', 'appels automatises', 'automate d appel'],
  phone: ['phone', 'telephone', 'tel', 'appel', 'appels', 'call', 'phoning'],
  post: ['post', 'courrier', 'postal', 'lettre', 'mailing postal', 'courrier postal'],
  social: ['social', 'reseaux', 'reseau social', 'reseaux sociaux', 'social media', 'facebook', 'instagram', 'twitter', 'linkedin', 'tiktok', 'whatsapp', 'telegram', 'messenger', 'dm'],
  // Online political advertising (Regulation (EU) 2024/900): an upload for targeting is not a social contact.
  ads: ['ads', 'ad', 'pub', 'publicite', 'publicites', 'publicite en ligne', 'publicite ciblee', 'publicite politique', 'custom audience', 'custom audiences', 'audience personnalisee', 'audiences personnalisees', 'lookalike', 'lookalikes', 'look alike', 'audience similaire', 'audiences similaires', 'sponsorise', 'sponsorisee', 'post sponsorise', 'posts sponsorises', 'publication sponsorisee', 'sponsored', 'sponsored post', 'meta ads', 'facebook ads', 'google ads', 'ciblage publicitaire', 'targeted ads', 'political ads', 'advertising'],
  door: ['door', 'porte a porte', 'porte-a-porte', 'pap', 'door to door', 'door-to-door', 'canvass', 'canvassing', 'boitage', 'tractage'],
};
