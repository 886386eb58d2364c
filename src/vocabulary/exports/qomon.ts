/**
 * Qomon: no export header could be sourced; its consent and unsubscribe labels are documented
 * (https://help.qomon.com/en/articles/10535772-managing-consents-when-importing-contacts;
 * fixtures/exports/SOURCES.md, "Qomon"). A file carrying those labels as headers is read with them.
 */
import type { ExportProfile } from './types.js';

const EMAIL_CONSENT = 'Contact gave consent to receive email communication';
const MOBILE_CONSENT = 'Contact gave consent to receive mobile communication (SMS and calls)';
const MOBILE_CONSENT_OLD = 'Contact gave consent to receive mobile communication';
const SMS_OUT = 'Contact opted out of receiving SMS messages';
const SMS_OUT_SHORT = 'Contact opted out of SMS';
const EMAIL_OUT = 'Contact unsubscribed from email communication';
const CALLS_OUT = 'Contact unsubscribed from mobile communication (calls)';

export const qomon: ExportProfile = {
  name: 'qomon',
  label: 'Qomon, contacts with consent labels',
  source: 'fixtures/exports/SOURCES.md#qomon',
  signature: { all: [], any: [EMAIL_CONSENT, MOBILE_CONSENT, MOBILE_CONSENT_OLD, EMAIL_OUT, SMS_OUT, SMS_OUT_SHORT, CALLS_OUT] },
  mapping: { consent_email: EMAIL_CONSENT, consent_sms: [MOBILE_CONSENT, MOBILE_CONSENT_OLD] },
  objections: [
    [['email'], EMAIL_OUT], [['sms'], SMS_OUT], [['sms'], SMS_OUT_SHORT], [['phone', 'automated_call'], CALLS_OUT],
  ],
  // A consent to the processing is not a consent to any channel.
  known: ['Contact has given explicit consent for their personal data to be processed'],
};

