import rule from '../../src/rules/cross-channel.js';
import { ruleTester } from '../helpers/rule-tester.js';

const E = 'a@example.org';
const P = '06 00 00 00 01';

ruleTester(rule, {
  valid: [
    { name: 'a newsletter address used for email', row: { email: E, source: 'Newsletter', 'consentement email': 'oui' }, for: ['email'] },
    { name: 'a follower contacted on the same network', row: { email: '', source: 'Facebook (abonné page)', 'réseau social': 'Facebook', canal: 'Facebook' } },
    { name: 'a member contacted by post', row: { adresse: '1 rue A', source: 'Adhésion' }, for: ['post'] },
    { name: 'a voter visited at home', row: { adresse: '1 rue A', source: 'Liste électorale' }, for: ['door'] },
    { name: 'an SMS opt-in used for SMS', row: { telephone: P, source: 'Porte-à-porte', 'consentement sms': 'x' }, for: ['sms'] },
    { name: 'a listed consent covers both channels', row: { email: E, telephone: P, source: 'Stand', consentement: 'email;SMS' }, for: ['email', 'sms'] },
    { name: 'channels not known: nothing to check', row: { email: E, telephone: P, source: 'Newsletter', 'consentement email': 'oui' } },
    { name: 'no consent at all is missing-consent, not cross-channel', row: { email: E, source: 'Fichier acheté' }, for: ['email'] },
    { name: 'no number on the row: no SMS can be sent', row: { email: E, source: 'Newsletter', 'consentement email': 'oui' }, for: ['sms'] },
    { name: 'an objection is objection-ignored’s business', row: { email: E, telephone: P, source: 'Newsletter', 'consentement email': 'oui', opposition: 'oui' }, for: ['sms'] },
  ],
  invalid: [
    {
      name: 'a newsletter sign-up also sent SMS (channel column)',
      row: { email: E, telephone: P, source: 'Newsletter', 'consentement email': 'oui', canal: 'email;SMS' },
      errors: [{ message: 'otherChannel', field: 'channel' }],
      dropped: true,
    },
    {
      // Issue 11: channel words are found inside phrases; before, "envoi SMS municipal" meant no use.
      name: 'a newsletter sign-up used for "envoi SMS municipal"',
      row: { email: E, telephone: P, source: 'Newsletter', 'consentement email': 'oui', canal: 'envoi SMS municipal' },
      errors: [{ message: 'otherChannel', field: 'channel' }],
      dropped: true,
    },
    {
      name: 'a newsletter address uploaded for social-network targeting',
      row: { email: E, source: 'Formulaire site web', 'consentement email': 'oui' },
      for: ['social'],
      errors: [{ message: 'otherChannel' }],
      dropped: true,
    },
    {
      name: 'a page follower on the email list',
      row: { email: E, source: 'Facebook - abonnée de la page', can2_subscription_status: 'subscribed' },
      for: ['email'],
      errors: [{ message: 'otherChannel' }],
      dropped: true,
    },
    {
      name: 'a TikTok like targeted door to door',
      row: { nom: 'X', source: 'TikTok (j’aime publication)', canal: 'porte-à-porte' },
      errors: [{ message: 'otherChannel' }],
      dropped: true,
    },
    {
      name: 'a LinkedIn contact phoned',
      row: { telephone: P, source: 'Contact LinkedIn (relation acceptée)' },
      for: ['phone'],
      errors: [{ message: 'otherChannel' }],
    },
    {
      name: 'a Facebook follower targeted on Instagram',
      row: { email: '', source: 'Facebook - abonné page', canal: 'Instagram' },
      errors: [{ message: 'otherNetwork' }],
      dropped: true,
    },
    {
      name: 'one finding per channel without a basis',
      row: { email: E, telephone: P, adresse: '1 rue A', source: 'Commentaire Facebook' },
      for: ['email', 'sms', 'door'],
      errors: [{ message: 'otherChannel' }, { message: 'otherChannel' }, { message: 'otherChannel' }],
    },
  ],
});
