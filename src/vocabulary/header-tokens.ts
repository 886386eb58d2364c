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
  ['phone', ['appel', 'appels', 'appeler', 'telephone', 'tel', 'phone', 'call', 'calls', 'liste rouge', 'liste orange']],
  ['post', ['courrier', 'postal', 'post']],
];

/**
 * An objection, unsubscribe or blocklist ("Ne plus contacter", "STOP SMS", "EMAIL_BLACKLISTED", "Ne souhaite
 * plus être contacté", "Ne pas relancer", "Liste rouge"). A column named so is read as an objection, to
 * the channel its words name or else to all (src/classify.ts). "Liste rouge"/"liste orange" is the
 * telephone subscriber's refusal of directories and canvassing calls (CPCE art. R10 and R10-1): an
 * objection to calls, by the phone channel word it carries below.
 */
export const OBJECTION_WORDS: readonly string[] = [
  'ne plus contacter', 'ne pas contacter', 'ne plus me contacter', 'ne pas me contacter', 'do not contact', 'dont contact',
  'desabonne', 'desabonnee', 'desinscrit', 'desinscrite', 'desinscription', 'unsubscribed', 'unsubscribe', 'blacklist',
  'blacklisted', 'blocklist', 'blocklisted', 'opt out', 'optout', 'opted out', 'stop', 'opposition', 'oppose', 'opposee',
  'opposant', 'refus', 'refuse', 'refusee', 'ne souhaite plus', 'ne souhaite pas etre contacte', 'ne souhaite pas etre contactee',
  'ne veut plus', 'ne plus recevoir', 'ne pas recevoir', 'ne plus etre contacte', 'ne plus etre contactee', 'ne pas relancer',
  'ne plus relancer', 'pas de relance', 'ne pas solliciter', 'ne plus solliciter', 'ne pas appeler', 'ne plus appeler',
  'ne pas ecrire', 'liste rouge', 'liste orange', 'do not email', 'do not call', 'do not text', 'do not sms', 'do not mail',
  'do not visit', 'do not knock',
];

/**
 * A bad address, not an objection: NPAI is La Poste's "n'habite pas à l'adresse indiquée" (now PND, pli
 * non distribuable), written by the postman on an undeliverable letter, not by the person
 * (law/consent.ts, BAD_ADDRESS_NOT_OBJECTION). A column named so is about the address's accuracy.
 */
export const BAD_ADDRESS_WORDS: readonly string[] = ['npai', 'pnd', 'pli non distribuable', 'n habite pas a l adresse indiquee', 'n habite plus a l adresse indiquee', 'adresse invalide', 'adresse erronee'];

/** A consent or opt-in ("OK pour SMS", "Accepte les mails", "Consentement courriel"). */
export const CONSENT_WORDS: readonly string[] = [
  'ok pour', 'ok', 'accepte', 'accepted', 'consent', 'consents', 'consentement', 'opt in', 'optin', 'opted in', 'autorise',
  'autorisation', 'd accord', 'accord', 'agree', 'agreed', 'gave consent', 'souhaite etre informe', 'souhaite etre informee',
  'souhaite recevoir', 'abonne sms', 'abonnee sms', 'abonnement sms',
];

/** A date ("Date de collecte", "Date mail envoyé"): never contact data itself. */
export const DATE_WORDS: readonly string[] = ['date', 'time', 'timestamp', 'depuis', 'since', 'jour'];

/**
 * Words that make a header about something else than the consent, objection or contact it names: an
 * IP (OPTIN_IP is the proof of a sign-up), an id, a campaign, a reason, a count.
 */
export const OTHER_WORDS: readonly string[] = ['ip', 'id', 'campaign', 'campagne', 'title', 'titre', 'reason', 'raison', 'motif', 'count', 'nombre', 'nb', 'type', 'label', 'is bad', 'bad', 'bounce', 'bounced'];

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
