/**
 * Outlook (desktop) "Comma Separated Values" contacts export, 92 quoted columns
 * (fixtures/exports/SOURCES.md, "Outlook"). Birthday and Anniversary hold 0/0/00 for "none".
 */
import type { ExportProfile } from './types.js';

export const outlook: ExportProfile = {
  name: 'outlook',
  label: 'Outlook, contacts export',
  source: 'fixtures/exports/SOURCES.md#outlook-desktop-comma-separated-values',
  signature: { all: ['E-mail Address', 'E-mail Display Name', 'Mobile Phone', 'Home Street'] },
  mapping: {
    first_name: 'First Name', last_name: 'Last Name', email: 'E-mail Address', phone: 'Mobile Phone',
    address: 'Home Street', city: 'Home City', postal_code: 'Home Postal Code', birth_date: 'Birthday',
  },
  // The display name holds the address too: "Gérard Lemaire (gerard.lemaire@exemple.fr)".
  contact: { email: [/^email\d?address$/, /^email\d?displayname$/], phone: [/phone\d?$/], address: [/^(home|business|other)street\d?$/] },
  known: [/^email\d?type$/, /^(business|home|other)(city|state|postalcode|countryregion)$/, /fax$/, 'Title', 'Middle Name', 'Suffix', 'Company', 'Department', 'Job Title', 'Anniversary', 'Categories', 'Notes', 'Initials', 'Web Page'],
  emptyDates: ['0/0/00', '00/00/00', '0/0/0000'],
};
