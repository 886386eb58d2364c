/**
 * Brevo (ex-Sendinblue) contacts export: `;`, UTF-8 with BOM, Yes/No, "DD-MM-YYYY HH:MM"
 * (fixtures/exports/SOURCES.md, "Brevo"; https://developers.brevo.com/reference/request-contact-export).
 * EMAIL, ADDED_TIME and MODIFIED_TIME are the mandatory attributes of every export; the others are the
 * ones chosen at export time, so the signature asks for one of them besides. SMS is the mobile number;
 * EMAIL_BLACKLISTED / SMS_BLACKLISTED are per-channel blocklists.
 */
import type { ExportProfile } from './types.js';

export const brevo: ExportProfile = {
  name: 'brevo',
  label: 'Brevo, contacts export',
  source: 'fixtures/exports/SOURCES.md#brevo',
  signature: { all: ['EMAIL', 'ADDED_TIME', 'MODIFIED_TIME'], any: ['SMS', 'CONTACT ID', 'DOUBLE_OPT-IN', 'EMAIL_BLACKLISTED', 'SMS_BLACKLISTED'] },
  mapping: {
    // The FIRSTNAME and LASTNAME attributes are named in the account's language (NOM/PRENOM in French).
    id: 'CONTACT ID', email: 'EMAIL', last_name: ['NOM', 'LASTNAME'], first_name: ['PRENOM', 'FIRSTNAME'], phone: 'SMS', collected_at: 'ADDED_TIME',
  },
  contact: { email: [], phone: ['WHATSAPP', 'LANDLINE_NUMBER'] },
  objections: [[['email'], 'EMAIL_BLACKLISTED'], [['sms'], 'SMS_BLACKLISTED']],
  // MODIFIED_TIME is any change in Brevo, not a contact from the person; DOUBLE_OPT-IN is undated.
  known: ['MODIFIED_TIME', 'DOUBLE_OPT-IN', 'OPT_IN', 'EXT_ID', 'CONTACT_TIMEZONE', 'JOB_TITLE', 'LINKEDIN'],
  dateOrder: 'dmy',
  // A Brevo contact not blocklisted for e-mail is subscribed to the e-mails; ADDED_TIME is when the
  // record was created (an import as well as a sign-up). "Not blocklisted" can be read only from a
  // blocklist column: without EMAIL_BLACKLISTED in the file nothing says the contact is subscribed.
  facts: { subscribed: ['email'], subscribedNeedsBlocklist: true, recordDate: true },
};
