import rule from '../../src/rules/missing-consent-proof.js';
import { ruleTester } from '../helpers/rule-tester.js';

const E = 'a@example.org';

ruleTester(rule, {
  valid: [
    { name: 'dated consent', row: { email: E, source: 'Fichier acheté', 'consentement email': 'oui', 'date de consentement': '2025-06-15' } },
    { name: 'sign-up dated by its collection date', row: { email: E, source: 'Newsletter', 'consentement email': 'oui', 'date de collecte': '2025-02-12' } },
    { name: 'no consent claimed', row: { email: E, source: 'Fichier acheté', 'consentement email': 'non' } },
    { name: 'Mailchimp confirmation time', row: { 'Email Address': E, Source: 'Formulaire site web', CONFIRM_TIME: '2024-02-10 09:14:02' } },
    { name: 'in person, a consent column says no', row: { email: E, source: 'Stand', 'consentement email': 'non' } },
    { name: 'objected: objection-ignored reports it', row: { email: E, source: 'Fichier acheté', 'consentement email': 'oui', opposition: 'oui' } },
    { name: 'scraped: social-scraping drops it', row: { email: E, source: 'Extraction LinkedIn', 'consentement email': 'oui' } },
    { name: 'a "subscribed" status on a bought list is not counted as consent at all', row: { email: E, source: 'Achat de fichier', can2_subscription_status: 'subscribed' } },
  ],
  invalid: [
    {
      name: 'bought list with a claimed consent but no date',
      row: { email: E, source: 'Fichier acheté', 'consentement email': 'oui', 'date de collecte': '15/06/2025', 'date de consentement': '' },
      errors: [{ message: 'noDate', field: 'consent_date' }],
      dropped: false,
    },
    { name: 'no source, consent "oui", no dates', row: { email: E, source: '', 'consentement email': 'oui' }, errors: [{ message: 'noDate' }] },
    { name: 'follower with an opt-in but no consent date', row: { email: E, source: 'Facebook - abonné page', email_opt_in: 'true', created_at: '2026-02-20' }, errors: [{ message: 'noDate' }] },
    { name: 'unreadable consent date', row: { email: E, source: 'Location de fichier', 'consentement email': 'oui', 'date de consentement': '31/02/2026' }, errors: [{ message: 'noDate' }] },
    { name: 'in person with no consent column at all: assumed', row: { 'Email Address': E, Source: 'Stand marché Gratte-Ciel', OPTIN_TIME: '2025-10-11' }, errors: [{ message: 'inPersonAssumed' }], dropped: false },
  ],
});
