/**
 * HubSpot CRM contacts export ("hubspot-crm-exports-<view>-<date>.csv", every field quoted;
 * fixtures/exports/SOURCES.md, "HubSpot"). `Unsubscribed from all email` is hs_email_optout;
 * `Original Source` is hs_analytics_source, written as display labels.
 */
import type { ExportProfile } from './types.js';

export const hubspot: ExportProfile = {
  name: 'hubspot',
  label: 'HubSpot, contacts export',
  source: 'fixtures/exports/SOURCES.md#hubspot',
  signature: { all: ['Record ID', 'Create Date'], any: ['Marketing contact status', 'Unsubscribed from all email', 'Contact owner'] },
  mapping: {
    id: 'Record ID', first_name: 'First Name', last_name: 'Last Name', email: 'Email', phone: ['Phone Number', 'Mobile Phone Number'],
    address: 'Street Address', city: 'City', postal_code: 'Postal Code', source: 'Original Source',
    collected_at: 'Create Date', last_contact_at: 'Last Activity Date',
  },
  // The all-properties export's other e-mail and phone properties (SOURCES.md, index id 44056861562).
  contact: { email: ['Private e-mail address', 'Work email'], phone: ['Mobile Phone Number', 'WhatsApp Phone Number'] },
  objections: [[['email'], 'Unsubscribed from all email']],
  // "Marketing contact status" is HubSpot's billing status, not a consent.
  known: ['Contact owner', 'Primary Associated Company ID', 'Lead Status', 'Marketing contact status', 'Associated Company'],
  dateOrder: 'mdy',
  // The website channels of hs_analytics_source are sign-ups on the campaign's site; "Offline Sources"
  // (imports, manual entries) says nothing of the origin. The tool's reading of HubSpot's labels.
  sourceValues: { web_form: ['Direct Traffic', 'Organic Search', 'Email Marketing', 'Referrals'] },
};
