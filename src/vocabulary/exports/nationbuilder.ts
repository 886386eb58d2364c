/**
 * NationBuilder people export (217 columns; fixtures/exports/SOURCES.md, "NationBuilder";
 * https://support.nationbuilder.com/en/articles/2895987-fields-available-for-import). US dates,
 * "05/26/2020  6:51 AM" (two spaces before a one-digit hour), true/false.
 */
import type { ExportProfile } from './types.js';

export const nationbuilder: ExportProfile = {
  name: 'nationbuilder',
  label: 'NationBuilder, people export',
  source: 'fixtures/exports/SOURCES.md#nationbuilder',
  signature: { all: ['nationbuilder_id', 'email_opt_in', 'do_not_contact'], any: ['mobile_opt_in', 'tag_list', 'primary_address1'] },
  mapping: {
    id: 'nationbuilder_id', first_name: 'first_name', last_name: 'last_name', email: 'email', phone: 'phone_number',
    address: 'primary_address1', postal_code: 'primary_zip', city: 'primary_city', birth_date: 'born_at',
    collected_at: 'created_at', consent_email: 'email_opt_in', consent_sms: 'mobile_opt_in', objection: 'do_not_contact',
  },
  contact: {
    email: [/^email\d$/],
    phone: ['work_phone_number', 'mobile_number'],
    address: ['address_address1', 'mailing_address1', 'work_address1', 'registered_address1', 'user_submitted_address1', /^(primary|mailing|work|registered|usersubmitted)address[23]$/],
  },
  objections: [[['email'], 'unsubscribed_at'], [['phone', 'automated_call'], 'do_not_call'], [['phone', 'automated_call'], 'federal_donotcall'], [['sms'], 'is_mobile_bad']],
  // Keys are normalised (underscores dropped). point_person_name_or_email / recruiter_name_or_email name
  // the campaign's own people, not the contact; the rest are NationBuilder's ids, its parts of a postal
  // address, electoral districts and donation totals: nothing the rules read, listed so the columns that
  // matter stand out.
  known: [
    /isbad$/, 'tag_list', 'full_name', 'middle_name', 'prefix', 'suffix', 'is_deceased', 'language', 'signup_type', /nameoremail$/,
    /^(civicrm|external|salesforce|meetup|parent|recruiter|pfstrat|statefile|countyfile|dw|van|ngp|rnc|datatrust)id$/, 'nbec_guid', 'rnc_regid',
    /^(primary|mailing|work|registered|usersubmitted)(countrycode|country|state|county|city|zip|zip5|zip4|fips|geocodeaccuracy|streettype|unitnumber|sortsequence|deliverypoint|lot|carrierroute)$/,
    /district$/, 'precinct_name', 'precinct_code', 'media_market_name', /capitalamount(incents)?$/, /^donations/, /^maximumdonationpossible/,
  ],
  dateOrder: 'mdy',
  facts: { recordDate: true },
};
