import rule from '../../src/rules/social-enrichment.js';
import { ruleTester } from '../helpers/rule-tester.js';

const E = 'a@example.org';
const P = '06 00 00 00 01';

ruleTester(rule, {
  valid: [
    { name: 'newsletter sign-up with its email', row: { email: E, source: 'Newsletter', 'consentement email': 'oui' } },
    { name: 'follower with an explicit email opt-in', row: { email: E, source: 'Facebook - abonné page', email_opt_in: 'true' } },
    { name: 'follower with no contact data', row: { email: '', source: 'Facebook - abonné page' } },
    { name: 'phone appended by a broker, with an SMS opt-in', row: { phone: P, source: 'Fichier acheté', 'consentement sms': 'oui', enrichissement: 'courtier' } },
    { name: 'enrichment from another file of the campaign', row: { email: E, source: 'Don', enrichissement: 'Fichier de la fédération' } },
    { name: 'voter with the address of the list', row: { adresse: '1 rue A', source: 'Liste électorale' } },
  ],
  invalid: [
    {
      name: 'email copied from a Facebook profile after a comment',
      row: { email: E, source: 'Commentaire Facebook', canal: 'Facebook' },
      errors: [{ message: 'fromNetwork', field: 'email' }],
      dropped: false,
      output: { email: '', source: 'Commentaire Facebook' },
    },
    {
      name: 'follower holding email and phone they never agreed to give',
      row: { email: E, telephone: P, source: 'Facebook - abonné page', email_opt_in: 'false' },
      errors: [{ message: 'fromNetwork', field: 'email' }, { message: 'fromNetwork', field: 'phone' }],
      dropped: false,
      output: { email: '', telephone: '', email_opt_in: 'false' },
    },
    {
      name: 'a "subscribed" status set on import is not the follower’s consent',
      row: { email: E, source: 'Facebook - abonnée de la page', can2_subscription_status: 'subscribed' },
      errors: [{ message: 'fromNetwork' }],
      output: { email: '' },
    },
    {
      name: 'phone found with Kaspr from LinkedIn; the email consent keeps the email',
      row: { email: E, telephone: P, source: 'Contact LinkedIn (relation acceptée)', 'consentement email': 'oui', enrichissement: 'Kaspr (LinkedIn)' },
      errors: [{ message: 'enrichedScraping', field: 'phone' }],
      output: { email: E, telephone: '' },
    },
    {
      name: 'phone from a reverse directory on the electoral list',
      row: { telephone: P, adresse: '1 rue A', source: 'Liste électorale', enrichissement: 'Annuaire inversé (courtier)' },
      // The address is the electoral list's own: only the appended number goes.
      errors: [{ message: 'enrichedBroker', field: 'phone' }],
      output: { telephone: '', adresse: '1 rue A' },
    },
    {
      name: 'a bought list enriched by a broker: the address goes too',
      row: { telephone: P, adresse: '1 rue A', source: 'Fichier acheté', enrichissement: 'courtier' },
      errors: [{ message: 'enrichedBroker', field: 'phone' }, { message: 'enrichedBroker', field: 'address' }],
      output: { telephone: '', adresse: '' },
    },
    {
      name: 'details appended from Facebook',
      row: { email: E, source: 'Réunion publique', enrichissement: 'Facebook' },
      errors: [{ message: 'enrichedNetwork', field: 'email' }],
      output: { email: '' },
    },
    {
      name: 'social contact of unknown network',
      row: { email: E, source: 'abonné' },
      errors: [{ message: 'fromSocial', field: 'email' }],
      output: { email: '' },
    },
    {
      name: 'a second phone column is emptied too',
      row: { email: '', phone_number: P, mobile_number: P, source: 'Instagram - j’aime publication' },
      errors: [{ message: 'fromNetwork', field: 'phone' }],
      output: { phone_number: '', mobile_number: '' },
    },
  ],
});
