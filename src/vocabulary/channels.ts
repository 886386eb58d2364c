/** Channel words (`--for`, the `channel` column, a `consent` column listing channels): data only. */
import type { Channel } from '../types.js';

/** Words naming each channel, FR/EN, accent- and case-insensitive, matched as whole tokens. */
export const CHANNEL_WORDS: Record<Channel, readonly string[]> = {
  // A "lettre d'information" is a newsletter: e-mail, not post.
  email: ['email', 'e-mail', 'mail', 'mails', 'emails', 'courriel', 'courriels', 'courrier electronique', 'emailing', 'newsletter', 'newsletters', 'mel', 'lettre d information', 'lettres d information', 'lettre d info', 'lettre info', 'lettre electronique'],
  sms: ['sms', 'mms', 'texto', 'textos', 'text', 'text message', 'text messages', 'texting'],
  automated_call: ['automated_call', 'automate', 'automates', 'automated call', 'robocall', 'appel automatise', 'appels automatises', 'automate d appel'],
  phone: ['phone', 'telephone', 'tel', 'appel', 'appels', 'call', 'phoning'],
  post: ['post', 'courrier', 'postal', 'lettre', 'mailing postal', 'courrier postal', 'par lettre', 'lettre postale', 'lettres postales', 'la poste', 'par la poste'],
  social: ['social', 'reseaux', 'reseau social', 'reseaux sociaux', 'social media', 'facebook', 'instagram', 'twitter', 'linkedin', 'tiktok', 'whatsapp', 'telegram', 'messenger', 'dm'],
  // Online political advertising (Regulation (EU) 2024/900): an upload for targeting is not a social contact.
  ads: ['ads', 'ad', 'pub', 'pubs', 'pub en ligne', 'pub ciblee', 'pub facebook', 'pub instagram', 'pub meta', 'campagne pub', 'facebook ad', 'instagram ad', 'meta ad', 'google ad', 'ad campaign', 'publicite', 'publicites', 'publicite en ligne', 'publicite ciblee', 'publicite politique', 'custom audience', 'custom audiences', 'audience personnalisee', 'audiences personnalisees', 'lookalike', 'lookalikes', 'look alike', 'audience similaire', 'audiences similaires', 'sponsorise', 'sponsorisee', 'post sponsorise', 'posts sponsorises', 'publication sponsorisee', 'sponsored', 'sponsored post', 'meta ads', 'facebook ads', 'google ads', 'ciblage publicitaire', 'targeted ads', 'political ads', 'advertising'],
  door: ['door', 'porte a porte', 'porte-a-porte', 'pap', 'door to door', 'door-to-door', 'canvass', 'canvassing', 'boitage', 'tractage'],
};

/**
 * Words that name a channel only as a whole cell or a list item ("ad", "Email; pub"), never inside a
 * phrase, where they mean something else: "ad hoc", "Free text note", "lettre d'information" (a
 * newsletter), "post Facebook" (a social post), "Pub du coin". Longer phrases with them still count
 * ("text message", "pub Facebook", "lettre d'information" as e-mail).
 */
export const CELL_ONLY_WORDS: readonly string[] = ['ad', 'text', 'lettre', 'pub', 'post'];
