import rule from '../../src/rules/political-ads.js';
import { ruleTester } from '../helpers/rule-tester.js';

const E = 'a@example.org';
const ok = { email: E, source: 'Formulaire site web', 'consentement publicité politique': 'oui', 'date de naissance': '1980-04-02' };

// Regulation (EU) 2024/900 art. 18 (applicable since 10 October 2025); CNIL, 6 fiches pratiques (21 October 2025).
ruleTester(rule, {
  valid: [
    { name: 'a web sign-up with a separate consent to political ads', row: ok, for: ['ads'] },
    { name: 'a member with a separate consent to political ads', row: { ...ok, source: 'Adhésion 2026' }, for: ['ads'] },
    { name: 'not used for ads', row: { email: E, source: 'Liste électorale' }, for: ['email'] },
    { name: 'an objection is objection-ignored’s business', row: { ...ok, opposition: 'oui' }, for: ['ads'] },
    { name: 'a scraped row is social-scraping’s business', row: { ...ok, source: 'Extraction Phantombuster' }, for: ['ads'] },
  ],
  invalid: [
    {
      name: 'electoral-list rows can never be used for ads (art. 18.1.a; CNIL, listes d’électeurs)',
      row: { ...ok, source: 'Liste électorale' },
      for: ['ads'],
      errors: [{ message: 'notFromPerson', field: 'source' }],
      dropped: true,
    },
    { name: 'a rented file (art. 18.1.a; CNIL, fichiers du secteur privé)', row: { ...ok, source: 'Fichier loué' }, for: ['ads'], errors: [{ message: 'notFromPerson' }] },
    { name: 'a sign-up with an email appended by a broker', row: { ...ok, "source d'enrichissement": 'Data broker' }, for: ['ads'], errors: [{ message: 'notFromPerson', field: 'enrichment_source' }] },
    {
      name: 'a newsletter consent is not a separate consent to political ads (art. 18.1.b)',
      row: { email: E, source: 'Newsletter', 'consentement email': 'oui' },
      for: ['ads'],
      errors: [{ message: 'noConsent' }],
      dropped: true,
    },
    {
      name: 'a member without a separate ads consent (art. 18.1.b applies to members too; a member list reveals opinions, RGPD art. 9)',
      row: { email: E, source: 'Adhésion 2026' },
      for: ['ads'],
      errors: [{ message: 'noConsentMember' }],
      dropped: true,
    },
    {
      name: '"Custom audience Facebook" in the channel column is ads, not social',
      row: { email: E, source: 'Facebook - abonné page', canal: 'Custom audience Facebook' },
      errors: [{ message: 'notFromPerson', field: 'source' }, { message: 'noConsent', field: 'channel' }],
    },
    {
      name: 'special categories on the row (art. 18.1.c): the cell is emptied, the row stays',
      row: { ...ok, inferred_support_level: '4' },
      for: ['ads'],
      errors: [{ message: 'specialCategories', field: 'inferred_support_level' }],
      dropped: false,
      output: { inferred_support_level: '' },
    },
    {
      name: 'a religion column on an ads row (art. 18.1.c; RGPD art. 9.1): emptied, the row stays',
      row: { ...ok, religion: 'catholique' },
      for: ['ads'],
      errors: [{ message: 'specialCategories', field: 'religion' }],
      dropped: false,
      output: { religion: '' },
    },
    {
      name: 'special categories and no ads consent: dropped all the same',
      row: { email: E, source: 'Newsletter', 'consentement email': 'oui', religion: 'catholique' },
      for: ['ads'],
      errors: [{ message: 'noConsent' }, { message: 'specialCategories' }],
      dropped: true,
    },
    {
      name: 'a 16-year-old (art. 18.2: one year under the voting age)',
      row: { ...ok, 'date de naissance': '2010-06-01' },
      for: ['ads'],
      errors: [{ message: 'underAge', field: 'birth_date' }],
    },
  ],
});
