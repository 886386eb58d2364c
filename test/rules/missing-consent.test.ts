import rule from '../../src/rules/missing-consent.js';
import { ruleTester } from '../helpers/rule-tester.js';

const E = 'a@example.org';
const P = '06 00 00 00 01';

ruleTester(rule, {
  valid: [
    { name: 'a newsletter address used for email', row: { email: E, source: 'Newsletter', 'consentement email': 'oui' }, for: ['email'] },
    { name: 'a member emailed', row: { email: E, source: 'Adhésion' }, for: ['email'] },
    { name: 'a bought list called by a person (no opt-in needed)', row: { telephone: P, source: 'Fichier acheté' }, for: ['phone'] },
    { name: 'a voter sent a letter', row: { adresse: '1 rue A', source: 'Liste électorale' }, for: ['post'] },
    { name: 'channels not known', row: { email: E, source: 'Fichier acheté' } },
    { name: 'no email on the row', row: { telephone: P, source: 'Fichier acheté' }, for: ['email'] },
    { name: 'a consent for another channel is cross-channel, not this rule', row: { email: E, telephone: P, source: 'Newsletter', 'consentement email': 'oui' }, for: ['sms'] },
    { name: 'a follower emailed is cross-channel', row: { email: E, source: 'Facebook - abonné page' }, for: ['email'] },
    { name: 'a scraped row is social-scraping’s', row: { email: E, source: 'Extraction LinkedIn' }, for: ['email'] },
    { name: 'an objection is objection-ignored’s', row: { email: E, source: 'Fichier acheté', opposition: 'oui' }, for: ['email'] },
  ],
  invalid: [
    { name: 'a bought list emailed', row: { email: E, source: 'Fichier acheté courtier' }, for: ['email'], errors: [{ message: 'noConsent' }], dropped: true },
    { name: 'a rented list sent SMS', row: { telephone: P, source: 'Location de fichier' }, for: ['sms'], errors: [{ message: 'noConsent' }], dropped: true },
    { name: 'automated calls to canvassed people', row: { telephone: P, source: 'Porte-à-porte', 'consentement email': 'non' }, for: ['automated_call'], errors: [{ message: 'noConsent' }], dropped: true },
    { name: 'a row with no source emailed', row: { email: E, source: '' }, for: ['email'], errors: [{ message: 'noConsent' }] },
    { name: 'a referral emailed', row: { email: E, source: 'Parrainage' }, for: ['email'], errors: [{ message: 'noConsent' }] },
    {
      name: 'a "subscribed" status on a bought list is no consent (channel column)',
      row: { email: E, source: 'Achat de fichier - courtier', can2_subscription_status: 'subscribed', canal: 'email' },
      errors: [{ message: 'noConsent', field: 'channel' }],
      dropped: true,
    },
    { name: 'a consent refused', row: { email: E, source: 'Pétition', 'consentement email': 'non' }, for: ['email'], errors: [{ message: 'noConsent' }] },
    { name: 'email and SMS: one finding each', row: { email: E, telephone: P, source: 'Import partenaire' }, for: ['email', 'sms'], errors: [{ message: 'noConsent' }, { message: 'noConsent' }] },
  ],
});
