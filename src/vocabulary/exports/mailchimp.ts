/**
 * Mailchimp audience export: a zip of three CSVs, subscribed / unsubscribed / cleaned members
 * (fixtures/exports/SOURCES.md, "Mailchimp"; https://mailchimp.com/help/about-cleaned-contacts).
 * Header: merge fields, then MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,…,REGION, the
 * file's own columns, then LEID,EUID,NOTES,TAGS. Times are UTC "YYYY-MM-DD HH:MM:SS"; Birthday is MM/DD.
 */
import type { ExportProfile } from './types.js';

const SYSTEM = ['Email Address', 'MEMBER_RATING', 'OPTIN_TIME', 'CONFIRM_TIME', 'LEID', 'EUID'];
const COMMON = {
  source: 'fixtures/exports/SOURCES.md#mailchimp',
  mapping: {
    email: 'Email Address', first_name: 'First Name', last_name: 'Last Name', address: 'Address', phone: 'Phone Number',
    collected_at: 'OPTIN_TIME', consent_date: 'CONFIRM_TIME', id: 'LEID',
  },
  // Birthday is MM/DD with no year: no age can be read from it, so it is not a birth date.
  known: ['Birthday', 'GMTOFF', 'DSTOFF', 'TIMEZONE', 'CC', 'REGION', 'EUID', 'NOTES', 'TAGS'],
} as const;

export const mailchimpSubscribed: ExportProfile = {
  ...COMMON,
  name: 'mailchimp-subscribed',
  label: 'Mailchimp, subscribed members export',
  signature: { all: SYSTEM, none: ['UNSUB_TIME', 'CLEAN_TIME'] },
  fileName: /^subscribed_members_export_[0-9a-f]+\.csv$/i,
  mapping: { ...COMMON.mapping, last_contact_at: 'LAST_CHANGED' },
  // Sign-ups to a newsletter (web form); being on the subscribed list is the e-mail subscription.
  facts: { source: 'web_form', subscribed: ['email'] },
};

export const mailchimpUnsubscribed: ExportProfile = {
  ...COMMON,
  name: 'mailchimp-unsubscribed',
  label: 'Mailchimp, unsubscribed members export',
  signature: { all: [...SYSTEM, 'UNSUB_TIME', 'UNSUB_CAMPAIGN_TITLE'] },
  fileName: /^unsubscribed_members_export_[0-9a-f]+\.csv$/i,
  objections: [[['email'], 'UNSUB_TIME']],
  known: [...COMMON.known, 'UNSUB_CAMPAIGN_TITLE', 'UNSUB_CAMPAIGN_ID', 'UNSUB_REASON', 'UNSUB_REASON_OTHER'],
  // Every row unsubscribed from the e-mails, dated or not.
  facts: { source: 'web_form', objection: ['email'] },
};

export const mailchimpCleaned: ExportProfile = {
  ...COMMON,
  name: 'mailchimp-cleaned',
  label: 'Mailchimp, cleaned members export',
  signature: { all: [...SYSTEM, 'CLEAN_TIME', 'CLEAN_CAMPAIGN_TITLE'] },
  fileName: /^cleaned_members_export_[0-9a-f]+\.csv$/i,
  known: [...COMMON.known, 'CLEAN_TIME', 'CLEAN_CAMPAIGN_TITLE', 'CLEAN_CAMPAIGN_ID'],
  // Subscribers whose address bounced: still sign-ups; no rule of SPEC §5 covers an undeliverable address.
  facts: { source: 'web_form', subscribed: ['email'] },
};
