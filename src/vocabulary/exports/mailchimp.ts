/**
 * Mailchimp audience export: a zip of CSVs, subscribed / unsubscribed / cleaned / non-subscribed members
 * (fixtures/exports/SOURCES.md, "Mailchimp"; https://mailchimp.com/help/about-cleaned-contacts). Files are
 * named `<status>_members_export_<hex>.csv`, in newer accounts `<status>_email_audience_export_<id>.csv`.
 * Header: merge fields, then MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,…,REGION, the
 * file's own columns, then LEID,EUID,NOTES,TAGS. Times are UTC "YYYY-MM-DD HH:MM:SS"; Birthday is MM/DD.
 */
import type { ExportProfile } from './types.js';

/**
 * Mailchimp's own system columns, the same in every account language: the merge-field labels before them
 * (`Email Address`, `First Name`…) are the account's, renamed by the owner or translated ("Adresse e-mail").
 */
const SYSTEM = ['MEMBER_RATING', 'OPTIN_TIME', 'CONFIRM_TIME', 'LEID', 'EUID'];
/**
 * The columns of the person's own sign-up: a row with neither was added by the list owner (an import,
 * the API), its CONFIRM_TIME set with it (SOURCES.md, "Mailchimp"): no web form, no proven consent.
 */
const SIGNUP = ['OPTIN_TIME', 'OPTIN_IP'];
/** A Mailchimp export's file name for one list status. */
const fileName = (status: string) => new RegExp(`^${status}_(members|email_audience)_export_[0-9a-z_-]+\\.csv$`, 'i');
const COMMON = {
  source: 'fixtures/exports/SOURCES.md#mailchimp',
  family: 'mailchimp',
  mapping: {
    // The default merge fields, in English and as a French account names them (labels not sourced:
    // SOURCES.md); other labels are read by the aliases and header words.
    email: ['Email Address', 'Adresse e-mail', 'Adresse email'], first_name: ['First Name', 'Prénom'], last_name: ['Last Name', 'Nom'],
    address: ['Address', 'Adresse'], phone: ['Phone Number', 'Numéro de téléphone'],
    collected_at: 'OPTIN_TIME', consent_date: 'CONFIRM_TIME', id: 'LEID',
  },
  // Birthday is MM/DD with no year: no age can be read from it, so it is not a birth date. EMAIL_TYPE
  // (html/text) is a sending preference.
  known: ['Birthday', 'Anniversaire', 'EMAIL_TYPE', 'GMTOFF', 'DSTOFF', 'TIMEZONE', 'CC', 'REGION', 'EUID', 'NOTES', 'TAGS'],
} as const;

export const mailchimpSubscribed: ExportProfile = {
  ...COMMON,
  name: 'mailchimp-subscribed',
  label: 'Mailchimp, subscribed members export',
  signature: { all: SYSTEM, none: ['UNSUB_TIME', 'CLEAN_TIME'] },
  fileName: fileName('subscribed'),
  mapping: { ...COMMON.mapping, last_contact_at: 'LAST_CHANGED' },
  // Sign-ups to a newsletter (web form); being on the subscribed list is the e-mail subscription.
  facts: { source: 'web_form', subscribed: ['email'], signup: SIGNUP },
};

export const mailchimpUnsubscribed: ExportProfile = {
  ...COMMON,
  name: 'mailchimp-unsubscribed',
  label: 'Mailchimp, unsubscribed members export',
  signature: { all: [...SYSTEM, 'UNSUB_TIME', 'UNSUB_CAMPAIGN_TITLE'] },
  fileName: fileName('unsubscribed'),
  objections: [[['email'], 'UNSUB_TIME']],
  known: [...COMMON.known, 'UNSUB_CAMPAIGN_TITLE', 'UNSUB_CAMPAIGN_ID', 'UNSUB_REASON', 'UNSUB_REASON_OTHER'],
  // Every row unsubscribed from the e-mails, dated or not.
  facts: { source: 'web_form', objection: ['email'], signup: SIGNUP },
};

export const mailchimpCleaned: ExportProfile = {
  ...COMMON,
  name: 'mailchimp-cleaned',
  label: 'Mailchimp, cleaned members export',
  signature: { all: [...SYSTEM, 'CLEAN_TIME', 'CLEAN_CAMPAIGN_TITLE'] },
  fileName: fileName('cleaned'),
  known: [...COMMON.known, 'CLEAN_TIME', 'CLEAN_CAMPAIGN_TITLE', 'CLEAN_CAMPAIGN_ID'],
  // Subscribers whose address bounced: still sign-ups; no rule of SPEC §5 covers an undeliverable address.
  facts: { source: 'web_form', subscribed: ['email'], signup: SIGNUP },
};

/**
 * Contacts "added to your audience" that never opted in (shop customers, transactional contacts): Mailchimp
 * "cannot send marketing emails" to them (SOURCES.md). Recognised only by its file name, since its header
 * is the subscribed one: no subscription, no sign-up, and CONFIRM_TIME is no consent date here.
 */
export const mailchimpNonsubscribed: ExportProfile = {
  ...COMMON,
  name: 'mailchimp-nonsubscribed',
  label: 'Mailchimp, non-subscribed members export',
  signature: { all: SYSTEM },
  fileName: fileName('nonsubscribed'),
  fileNameOnly: true,
  mapping: { ...COMMON.mapping, consent_date: [], last_contact_at: 'LAST_CHANGED' },
  known: [...COMMON.known, 'CONFIRM_TIME'],
  facts: {},
};
