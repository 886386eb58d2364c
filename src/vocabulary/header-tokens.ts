/**
 * Header words (issue 12 item 3): after the exact alias pass, a header still unmapped is read by its
 * meaningful words ("Adresse mail perso" → email, "OK pour SMS" → consent_sms, "Ne plus contacter" →
 * objection). Data only; the matching is in src/mapping.ts. Words are matched on the header folded to
 * lower-case ASCII words ("Tél. portable" → "tel portable").
 */
import type { Field } from '../types.js';

/** Words naming a channel, for consent and objection headers. */
export const CHANNEL_WORDS: readonly (readonly [string, readonly string[]])[] = [
  ['email', ['email', 'e mail', 'mail', 'mails', 'emails', 'courriel', 'courriels', 'newsletter']],
  ['sms', ['sms', 'texto', 'textos', 'text', 'texts']],
  ['phone', ['appel', 'appels', 'telephone', 'tel', 'phone', 'call', 'calls']],
  ['post', ['courrier', 'postal', 'post']],
];

/** An objection, unsubscribe or blocklist ("Ne plus contacter", "STOP SMS", "EMAIL_BLACKLISTED"). */
export const OBJECTION_WORDS: readonly string[] = [
  'ne plus contacter', 'ne pas contacter', 'ne plus me contacter', 'do not contact', 'dont contact', 'desabonne', 'desabonnee',
  'desinscrit', 'desinscrite', 'desinscription', 'unsubscribed', 'unsubscribe', 'blacklist', 'blacklisted', 'blocklist',
  'blocklisted', 'opt out', 'optout', 'opted out', 'stop', 'opposition', 'oppose', 'refus',
];

/** A consent or opt-in ("OK pour SMS", "Accepte les mails", "Consentement courriel"). */
export const CONSENT_WORDS: readonly string[] = [
  'ok pour', 'ok', 'accepte', 'accepted', 'consent', 'consents', 'consentement', 'opt in', 'optin', 'opted in', 'autorise',
  'autorisation', 'd accord', 'agree', 'agreed', 'gave consent',
];

/** A date ("Date de collecte", "Date mail envoyé"): never contact data itself. */
export const DATE_WORDS: readonly string[] = ['date', 'time', 'timestamp', 'depuis', 'since', 'jour'];

/**
 * Words that make a header about something else than the consent, objection or contact it names: an
 * IP (OPTIN_IP is the proof of a sign-up), an id, a campaign, a reason, a count.
 */
export const OTHER_WORDS: readonly string[] = ['ip', 'id', 'campaign', 'campagne', 'title', 'titre', 'reason', 'raison', 'motif', 'count', 'nombre', 'nb', 'type', 'label', 'is bad', 'bad'];

/** Contact and origin fields by their words, in order: the first that matches wins. */
export const FIELD_WORDS: readonly (readonly [Field, readonly string[]])[] = [
  ['email', ['email', 'e mail', 'mail', 'courriel', 'adresse electronique', 'messagerie']],
  ['phone', ['tel', 'telephone', 'portable', 'mobile', 'phone', 'gsm', 'cell', 'cellulaire', 'numero de portable', 'whatsapp', 'landline', 'fixe']],
  ['source', ['provenance', 'origine', 'source', 'acquisition']],
  ['postal_code', ['code postal', 'cp', 'zip', 'postcode']],
  ['city', ['ville', 'commune', 'city', 'localite']],
];

/**
 * Among several columns a field's words name, the one to map: a mobile number for `phone` (what an SMS
 * is sent to). The others stay contact data all the same (src/contact-columns.ts).
 */
export const PREFERRED_WORDS: Partial<Record<Field, readonly string[]>> = {
  phone: ['mobile', 'portable', 'gsm', 'cell', 'cellulaire', 'sms'],
};
