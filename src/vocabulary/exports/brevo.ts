/**
 * Brevo (ex-Sendinblue) contacts export: `;`, UTF-8 with BOM, Yes/No, "DD-MM-YYYY HH:MM"
 * (fixtures/exports/SOURCES.md, "Brevo"; https://developers.brevo.com/reference/request-contact-export).
 * SMS is the mobile number; EMAIL_BLACKLISTED / SMS_BLACKLISTED are per-channel blocklists.
 */
import type { ExportProfile } from './types.js';

export const brevo: ExportProfile = {
  name: 'brevo',
  label: 'Brevo, contacts export',
  source: 'fixtures/exports/SOURCES.md#brevo',
  signature: { all: ['EMAIL', 'EMAIL_BLACKLISTED', 'SMS_BLACKLISTED', 'ADDED_TIME', 'MODIFIED_TIME'] },
  mapping: {
    id: 'CONTACT ID', email: 'EMAIL', last_name: 'NOM', first_name: 'PRENOM', phone: 'SMS', collected_at: 'ADDED_TIME',
  },
  contact: { email: [], phone: ['WHATSAPP', 'LANDLINE_NUMBER'] },
  objections: [[['email'], 'EMAIL_BLACKLISTED'], [['sms'], 'SMS_BLACKLISTED']],
  // MODIFIED_TIME is any change in Brevo, not a contact from the person; DOUBLE_OPT-IN is undated.
  known: ['MODIFIED_TIME', 'DOUBLE_OPT-IN', 'OPT_IN', 'LASTNAME', 'FIRSTNAME', 'EXT_ID', 'CONTACT_TIMEZONE', 'JOB_TITLE', 'LINKEDIN'],
  dateOrder: 'dmy',
  // A Brevo contact not blocklisted for e-mail is subscribed to the e-mails; ADDED_TIME is when the
  // record was created (an import as well as a sign-up).
  facts: { subscribed: ['email'], recordDate: true },
};
