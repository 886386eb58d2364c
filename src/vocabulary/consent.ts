/**
 * Consent, status and objection words, and the headers of per-channel objection columns. Data only:
 * what a word is worth as consent or as an objection is decided in src/law/consent.ts.
 *
 * `status` words are list states a tool sets on import as well as on sign-up ("subscribed"): they count
 * as consent only where the source shows the person gave the data to the campaign (law/consent.ts,
 * STATUS_TRUSTED).
 */
import type { Channel, Field } from '../types.js';

export const YES_WORDS = ['opt in', 'optin', 'opted in', 'double opt in', 'confirmed', 'confirme', 'confirmee', 'consent', 'consenti', 'consentie', 'accepte', 'acceptee', 'accepted', 'granted', 'given', 'd accord'];
export const STATUS_WORDS = ['subscribed', 'abonne', 'abonnee', 'inscrit', 'inscrite', 'active', 'actif', 'active subscriber'];
/** An explicit refusal: the person said no to this channel (law/consent.ts: an objection to it). */
export const REFUSAL_WORDS = ['refuse', 'refusee', 'refus', 'refused', 'declined', 'decline', 'declinee'];
export const NO_WORDS = ['pending', 'en attente', 'non confirme', 'non confirmee', 'not confirmed', 'unconfirmed', 'not given', 'no consent', 'not consented', 'pas de consentement', 'sans consentement', 'non consenti', 'pas consenti', 'cleaned', 'bouncing', 'bounced', 'non abonne', 'not subscribed', 'never subscribed', 'non subscribed', 'transactional', 'archived', 'none', 'aucun', 'aucune', 'n a', 'na', 'inconnu', 'unknown'];
export const OPTOUT_WORDS = ['unsubscribed', 'unsubscribe', 'desinscrit', 'desinscrite', 'desabonne', 'desabonnee', 'opted out', 'opt out', 'optout', 'stop', 'opposition', 'oppose', 'opposee', 'objected', 'revoked', 'revoque', 'withdrawn', 'retire', 'retiree', 'spam', 'complained', 'stop sms', 'stop email', 'stop mail'];
/**
 * Words by which an opt-out covers every channel, whatever column it is in ("ne plus me contacter",
 * "opposition à toute prospection"). Without them an opt-out in one channel's column is about that
 * channel (law/consent.ts, OPTOUT_SCOPE).
 */
export const GENERAL_OBJECTION_WORDS = ['do not contact', 'dont contact', 'ne pas contacter', 'ne plus contacter', 'ne plus me contacter', 'ne pas me contacter', 'tous canaux', 'tous les canaux', 'toute communication', 'toute prospection', 'tout contact', 'aucun contact', 'all channels', 'all communications', 'all communication', 'any contact', 'no contact', 'global unsubscribe', 'desinscription totale', 'desinscription generale'];

/**
 * Words that negate the consent or objection word beside them: "opt-in : non", "no opt-in", "sans
 * opt-in", "pas d'accord", "pas d'opposition", "aucune opposition". A phrase of the lists above that
 * begins with one ("pas de consentement", "non confirmé", "ne pas contacter") keeps its own meaning.
 */
export const NEGATION_WORDS = ['non', 'no', 'not', 'pas', 'sans', 'aucun', 'aucune', 'jamais', 'never', 'ni', 'nor', 'without', 'none'];
/** Short words that may stand between a negation and the word it negates ("pas d'opt-in", "sans l'accord"). */
export const NEGATION_FILLERS = ['d', 'de', 'du', 'des', 'l', 'la', 'le', 'les', 'un', 'une', 'a', 'an', 'any', 'the', 'of'];

/** Cell values that say "nothing" in a free-text column (objection, enrichment, network). */
export const NOTHING: ReadonlySet<string> = new Set(['', 'non', 'no', 'aucun', 'aucune', 'none', 'n a', 'na', 'sans', 'false', '0', 'nan', 'null']);

/** The per-channel consent fields (SPEC §3), and the channel each one is about. */
export const CONSENT_FIELDS: readonly [Field, Channel][] = [
  ['consent_email', 'email'], ['consent_sms', 'sms'], ['consent_phone', 'phone'], ['consent_post', 'post'], ['consent_social', 'social'], ['consent_ads', 'ads'],
];

/**
 * Headers of unmapped columns that carry an objection to one channel (NationBuilder's do_not_call,
 * "stop SMS", "email_opt_out", "désinscrit newsletter": an unsubscribe from the newsletter is one
 * channel, law/consent.ts OPTOUT_SCOPE). Other headers naming a channel beside an objection word are
 * read by their words (src/mapping.ts, objectionChannelForWords). The general objection column is the
 * `objection` field.
 */
export const CHANNEL_OBJECTION_HEADERS: readonly [readonly Channel[], readonly string[]][] = [
  // A phone objection also covers automated calls: law/consent.ts, PHONE_OBJECTION_SCOPE.
  [['phone'], ['do not call', 'donotcall', 'ne pas appeler', 'pas d appel', 'stop appel', 'stop appels', 'opposition telephone', 'opposition appels', 'refus appels', 'phone opt out', 'call opt out', 'bloctel']],
  // "Email Opt Out" is Salesforce's standard Contact checkbox (HasOptedOutOfEmail): an e-mail opt-out.
  [['email'], ['do not email', 'stop email', 'stop mail', 'opposition email', 'opposition courriel', 'email opt out', 'email_opt_out', 'email optout', 'opt out email', 'email unsubscribed', 'unsubscribed from email', 'unsubscribed from newsletter', 'newsletter unsubscribed', 'newsletter opt out', 'desinscrit newsletter', 'desinscrit email', 'desabonne newsletter', 'desabonne email', 'desinscription newsletter']],
  [['sms'], ['do not sms', 'do not text', 'stop sms', 'sms opt out', 'sms_opt_out', 'opposition sms', 'unsubscribed from sms', 'desinscrit sms', 'desabonne sms']],
  [['post'], ['do not mail', 'stop courrier', 'opposition courrier', 'ne pas ecrire']],
  [['door'], ['do not visit', 'do not knock', 'ne pas visiter', 'stop porte a porte', 'opposition porte a porte']],
];
