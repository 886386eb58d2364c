/**
 * Outlook (desktop) "Comma Separated Values" contacts export, 92 quoted columns
 * (fixtures/exports/SOURCES.md, "Outlook"). Birthday and Anniversary hold 0/0/00 for "none". A French
 * Outlook writes the same columns under French names, Windows-1252, with two columns named `Titre`
 * (the courtesy title, then the job title): outlookFr.
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
  // Callback, ISDN and Pager are numbers too.
  contact: { email: [/^email\d?address$/, /^email\d?displayname$/], phone: [/phone\d?$/, 'Callback', 'ISDN', 'Pager'], address: [/^(home|business|other)street\d?$/] },
  known: [/^email\d?type$/, /^(business|home|other)(city|state|postalcode|countryregion)$/, /fax$/, 'Title', 'Middle Name', 'Suffix', 'Company', 'Department', 'Job Title', 'Anniversary', 'Categories', 'Notes', 'Initials', 'Web Page', 'Telex'],
  emptyDates: ['0/0/00', '00/00/00', '0/0/0000'],
};

/**
 * The French Outlook export (SOURCES.md, "Outlook": the French header of index id 707267879, an
 * open-xchange import test of a French Outlook CSV in cp1252, and 39746869220). `Titre` twice is Outlook's
 * own header: the profile knows both, so it is no duplicate-name error.
 */
export const outlookFr: ExportProfile = {
  name: 'outlook-fr',
  label: 'Outlook, contacts export (French)',
  source: 'fixtures/exports/SOURCES.md#outlook-desktop-comma-separated-values',
  signature: { all: ['Adresse de messagerie', "Nom complet de l'adresse de messagerie", 'Tél. mobile', 'Rue (domicile)'] },
  mapping: {
    first_name: 'Prénom', last_name: 'Nom', email: 'Adresse de messagerie', phone: 'Tél. mobile',
    address: 'Rue (domicile)', city: 'Ville (domicile)', postal_code: 'Code postal (domicile)', birth_date: 'Anniversaire',
  },
  // Keys are normalised ("Téléphone (domicile)" → "telephonedomicile"): every "Téléphone …" and "Tél. …"
  // but the fax (Télécopie) and the telex.
  contact: {
    email: [/^adressedemessagerie\d?$/, /^nomcompletdeladressedemessagerie\d?$/],
    phone: [/^tel(?!ecopie|ex)/, /telephone/, 'Rappel', 'RNIS', 'Récepteur de radiomessagerie'],
    address: [/^rue(bureau|domicile|autre)\d?$/],
  },
  known: [
    /^typedemessagerie\d?$/, /^(ville|depregion|codepostal|paysregion)(bureau|domicile|autre)$/, /^telecopie/, 'Titre', 'Deuxième prénom',
    'Suffixe', 'Société', 'Service', 'Anniversaire de mariage ou fête', 'Catégories', 'Notes', 'Initiales', 'Page Web', 'Télex',
  ],
  dateOrder: 'dmy',
  emptyDates: ['0/0/00', '00/00/00', '0/0/0000'],
};
