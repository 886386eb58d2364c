/**
 * Action Network report download ("export-YYYY-MM-DD-csv_report_<id>_<time>.csv"; fixtures/exports/
 * SOURCES.md, "Action Network"). can2_subscription_status / can2_sms_status are the e-mail and SMS list
 * statuses (subscribed / unsubscribed).
 */
import type { ExportProfile } from './types.js';

export const actionNetwork: ExportProfile = {
  name: 'action-network',
  label: 'Action Network, report download',
  source: 'fixtures/exports/SOURCES.md#action-network',
  signature: { all: ['uuid', 'can2_subscription_status'] },
  mapping: {
    id: 'uuid', first_name: 'first_name', last_name: 'last_name', email: 'email', phone: ['Phone Number', 'can2_phone'],
    consent_email: 'can2_subscription_status', consent_sms: 'can2_sms_status',
    address: 'can2_user_address', city: 'can2_user_city', postal_code: 'zip_code',
  },
  known: ['can2_user_state', 'County', 'can2_user_tags', 'can2_state_abbreviated', 'can2_county'],
};
