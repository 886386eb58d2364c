/**
 * HubSpot CRM contacts export ("hubspot-crm-exports-<view>-<date>.csv", every field quoted;
 * fixtures/exports/SOURCES.md, "HubSpot"). `Unsubscribed from all email` is hs_email_optout;
 * `Original Source` is hs_analytics_source, written as display labels. The column labels are the
 * account's language: a French account writes `ID de fiche d'informations`, `Date de création`,
 * `Désabonné de tous les e-mails` (hubspotFr); older exports wrote `Contact ID` for `Record ID`.
 */
import type { ExportProfile } from './types.js';

export const hubspot: ExportProfile = {
  name: 'hubspot',
  label: 'HubSpot, contacts export',
  source: 'fixtures/exports/SOURCES.md#hubspot',
  signature: { all: ['Create Date'], groups: [['Record ID', 'Contact ID'], ['Marketing contact status', 'Unsubscribed from all email', 'Contact owner']] },
  mapping: {
    id: ['Record ID', 'Contact ID'], first_name: 'First Name', last_name: 'Last Name', email: 'Email', phone: ['Phone Number', 'Mobile Phone Number'],
    address: 'Street Address', city: 'City', postal_code: 'Postal Code', source: 'Original Source',
    collected_at: 'Create Date', last_contact_at: 'Last Activity Date',
  },
  // The all-properties export's other e-mail and phone properties (SOURCES.md, index id 44056861562).
  contact: { email: ['Private e-mail address', 'Work email'], phone: ['Mobile Phone Number', 'WhatsApp Phone Number'] },
  objections: [[['email'], 'Unsubscribed from all email']],
  // "Marketing contact status" is HubSpot's billing status, not a consent. The bounce, quarantine and
  // confirmation properties are about the address's delivery (the double opt-in's "Confirmed" carries no
  // date and no proof of its own); "Legal basis for processing contact's data" is a label the account
  // sets, not the person's consent to a channel; "Last Contacted" is the campaign's last contact, not one
  // from the person.
  known: [
    'Contact owner', 'Primary Associated Company ID', 'Lead Status', 'Marketing contact status', 'Associated Company', 'Lifecycle Stage', 'Last Contacted',
    'Email hard bounce reason', 'Email address quarantine reason', 'Email address automated quarantine reason', 'Email Address Quarantined', 'Email Confirmed',
    'Email Domain', 'Invalid email address', 'Domain to which registration email was sent', 'Marketing email confirmation status', 'Marketing emails bounced',
    "Legal basis for processing contact's data", 'Fax Number',
  ],
  dateOrder: 'mdy',
  // The website channels of hs_analytics_source are sign-ups on the campaign's site; "Offline Sources"
  // (imports, manual entries) says nothing of the origin. The tool's reading of HubSpot's labels.
  sourceValues: { web_form: ['Direct Traffic', 'Organic Search', 'Email Marketing', 'Referrals'] },
};

/**
 * A French HubSpot account's contacts export: the same properties under their French labels
 * (SOURCES.md, "HubSpot": index ids 58683549652, 70083952545; `Numéro de téléphone mobile`, `Date de la
 * dernière activité`, `Source d'origine` and its values are not sourced). `;` or `,`, as exported.
 */
export const hubspotFr: ExportProfile = {
  name: 'hubspot-fr',
  label: 'HubSpot, contacts export (French account)',
  source: 'fixtures/exports/SOURCES.md#hubspot',
  signature: { all: ["ID de fiche d'informations"], groups: [['Date de création'], ['Désabonné de tous les e-mails', 'Propriétaire du contact', 'Statut de contact marketing']] },
  mapping: {
    id: "ID de fiche d'informations", first_name: 'Prénom', last_name: 'Nom', email: 'E-mail', phone: ['Numéro de téléphone', 'Numéro de téléphone mobile'],
    address: 'Adresse postale', city: 'Ville', postal_code: 'Code postal', source: "Source d'origine",
    collected_at: 'Date de création', last_contact_at: 'Date de la dernière activité',
  },
  contact: { phone: ['Numéro de téléphone mobile', 'Numéro de téléphone 2', 'Numéro de téléphone 3', 'Numéro de téléphone WhatsApp'] },
  objections: [[['email'], 'Désabonné de tous les e-mails']],
  known: ['Propriétaire du contact', 'Statut de contact marketing', 'Statut du lead', 'Phase du cycle de vie', "Nom de l'entreprise"],
  // A French account writes day-first dates; the values decide first when they can (engine.sample).
  dateOrder: 'dmy',
  sourceValues: { web_form: ['Trafic direct', 'Recherche organique', 'Recherche naturelle', 'Marketing par e-mail', 'Sites référents'] },
};
