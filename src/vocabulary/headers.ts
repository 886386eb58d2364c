/** Header aliases (SPEC §3): data only; the matching is in src/mapping.ts. */
import type { Field } from '../types.js';

/**
 * Aliases per field, in priority order. The SPEC's list is a floor: the exports of Qomon,
 * NationBuilder, Mailchimp, Brevo and Action Network are recognised too.
 */
export const ALIASES: Record<Field, readonly string[]> = {
  id: ['id', 'contact id', 'identifiant', 'nationbuilder_id', 'uuid', 'contact_id', 'id contact', 'leid', 'external id', 'numero adherent', 'n adherent', 'member id'],
  first_name: ['prénom', 'prénoms', 'first name', 'firstname', 'first_name', 'given name'],
  // An electoral-list extract always fills "nom de naissance"; "nom d'usage" is often empty there.
  last_name: ['nom', 'last name', 'nom de famille', 'nom de naissance', "nom d'usage", 'lastname', 'last_name', 'surname', 'family name'],
  email: ['email', 'e-mail', 'courriel', 'adresse email', 'adresse e-mail', 'mail', 'email address', 'adresse mail', 'email1'],
  phone: ['téléphone', 'telephone', 'phone', 'mobile', 'portable', 'tel', 'phone number', 'mobile_number', 'phone_number', 'numéro de téléphone', 'téléphone portable', 'can2_phone', 'sms number', 'cell'],
  address: ['adresse', 'address', 'adresse postale', 'address1', 'rue', 'street', 'street address', 'primary_address1', 'voie', 'can2_user_address'],
  postal_code: ['code postal', 'cp', 'zip', 'postal code', 'zip code', 'zip_code', 'postcode', 'primary_zip'],
  city: ['ville', 'commune', 'city', 'primary_city', 'localité', 'can2_user_city'],
  birth_date: ['date de naissance', 'birthdate', 'date of birth', 'dob', 'born', 'born_at', 'née le', 'né le', 'date naissance'],
  source: ['source', 'origine', 'origin', 'provenance', "canal d'acquisition", 'acquisition', 'lead source', 'source du contact'],
  network: ['réseau', 'réseau social', 'network', 'social network', 'platform', 'plateforme'],
  collected_at: ['date de collecte', 'collected at', "date d'entrée", 'created at', 'date de création', 'signup date', 'optin_time', 'created_at', 'created_date', 'date d’inscription', "date d'inscription", 'date ajout', 'date added'],
  consent_email: ['consentement email', 'consentement e-mail', 'consentement courriel', 'opt-in email', 'email_opt_in', 'accepte emails', 'accepte email', 'newsletter', 'can2_subscription_status', 'email consent', 'email_subscription_status', 'optin email', 'abonné newsletter'],
  consent_sms: ['optin sms', 'sms_opt_in', 'consentement sms', 'mobile_opt_in', 'can2_sms_status', 'opt-in sms', 'sms consent', 'accepte sms'],
  consent_phone: ['accepte appels', 'consentement téléphone', 'consentement telephone', 'opt-in téléphone', 'phone consent', 'phone_opt_in'],
  consent_post: ['consentement courrier', 'opt-in courrier', 'accepte courrier', 'post consent'],
  consent_social: ['opt-in réseaux', 'consentement réseaux', 'consentement réseaux sociaux', 'social consent', 'social_opt_in'],
  // The separate consent to political advertising (Regulation (EU) 2024/900 art. 18.1.b).
  consent_ads: ['consentement publicité', 'consentement publicite politique', 'consentement publicité politique', 'consentement pub', 'consentement ciblage', 'opt-in publicité', 'opt-in pub', 'accepte publicité ciblée', 'accepte pub', 'consent ads', 'ads consent', 'ads_opt_in', 'political ads consent', 'consent political ads', 'advertising consent', 'consent_ads'],
  consent: ['consentement', 'consent', 'opt-in', 'optin', 'consentements'],
  consent_date: ['date de consentement', 'consent date', 'date opt-in', 'confirm_time', 'date optin', 'consent_date', 'date du consentement', 'opt-in date', 'optin date'],
  // The general objection field. A header naming a channel ("email_opt_out", "désinscrit newsletter")
  // is an objection to that channel only: src/vocabulary/consent.ts, CHANNEL_OBJECTION_HEADERS.
  objection: ['opposition', 'désinscrit', 'désinscription', 'unsubscribed', 'opted out', 'opt-out', 'stop', 'do not contact', 'ne pas contacter', 'do_not_contact', 'optout', 'droit d’opposition', "droit d'opposition", 'unsubscribe date', 'unsub_time', 'date de désinscription'],
  last_contact_at: ['dernier contact', 'date du dernier contact', 'last contact', 'last activity', 'dernière interaction', 'last_changed', 'last_contacted_at', 'last contacted', 'can2_last_action', 'can2_last_action_date', 'last action', 'date dernier contact', 'dernière activité'],
  membership_end: ["fin d'adhésion", "date de fin d'adhésion", 'membership end', 'membership expires', 'expiration adhésion', 'membership_expires_at', 'fin adhésion', 'adhésion expire le'],
  first_message_at: ['premier message', 'date premier message', 'first message sent', 'first message', 'date du premier message'],
  first_message_reply: ['réponse premier message', 'first message reply', 'accepte contact', 'réponse au premier message'],
  channel: ['canal', 'canal utilisé', 'channel', 'used on', 'contacté via', 'target channel', 'canaux', 'canal de contact'],
  enrichment_source: ["source d'enrichissement", 'enrichi depuis', 'enriched from', 'enrichment', 'data append', 'enrichissement', 'enrichment source'],
};
