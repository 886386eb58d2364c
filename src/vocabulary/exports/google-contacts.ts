/**
 * Google Contacts CSV (2023 format: "E-mail 1 - Value", "Phone 1 - Value"…; fixtures/exports/SOURCES.md,
 * "Google Contacts"). Numbered groups; several values in one cell are joined by " ::: ".
 */
import type { ExportProfile } from './types.js';

export const googleContacts: ExportProfile = {
  name: 'google-contacts',
  label: 'Google Contacts, CSV export',
  source: 'fixtures/exports/SOURCES.md#google-contacts',
  signature: { all: ['Labels', 'File As'], any: ['E-mail 1 - Value', 'Phone 1 - Value'] },
  mapping: {
    first_name: 'First Name', last_name: 'Last Name', email: 'E-mail 1 - Value', phone: 'Phone 1 - Value',
    address: 'Address 1 - Street', city: 'Address 1 - City', postal_code: 'Address 1 - Postal Code',
  },
  contact: { email: [/^email\d+value$/], phone: [/^phone\d+value$/], address: [/^address\d+(street|formatted)$/] },
  known: [/label$/, /^address\d+/, 'Middle Name', 'Nickname', 'File As', 'Name Prefix', 'Name Suffix', /^phonetic/, /^organization/, 'Photo', 'Labels', 'Notes', 'Birthday'],
};
