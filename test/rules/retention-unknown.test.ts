import { expect, it } from 'vitest';
import rule from '../../src/rules/retention-unknown.js';
import { ruleTester, runRule } from '../helpers/rule-tester.js';

const regular = { email: 'a@example.org', source: 'Formulaire site web', consentement: 'oui' };
const voter = { nom: 'Martin', source: 'Liste électorale' };

ruleTester(rule, {
  valid: [
    { name: 'a regular contact with a last-contact date', row: { ...regular, 'dernier contact': '2025-11-23' } },
    { name: 'a regular contact with only a consent date', row: { ...regular, 'date de consentement': '2025-11-23' } },
    { name: 'an expired row is decided, not unknown', row: { ...regular, 'dernier contact': '2019-01-01' } },
    { name: 'a voter with an election date', row: voter, electionDate: '2027-03-15' },
    { name: 'a current member without dates', row: { email: 'a@example.org', source: 'Adhésion' } },
    { name: 'an occasional contact with a collection date', row: { email: 'a@example.org', source: 'Facebook - like publication', 'date de collecte': '2026-11-01' } },
    {
      name: 'no category, but config sets a duration for unknown rows',
      row: { email: 'a@example.org', source: '', 'date de collecte': '2026-01-01' },
      config: { retention: { unknown: '1y' } },
    },
    // CNIL, Les fichiers de communication politique (2025): "donateurs fréquents" are regular contacts.
    { name: 'a donor in contact after the donation is a frequent donor', row: { email: 'a@example.org', source: 'Don en ligne', 'date de collecte': '2025-01-10', 'dernier contact': '2025-09-01' } },
    { name: 'a donor the source calls regular', row: { email: 'a@example.org', source: 'Don mensuel (prélèvement)', 'date de collecte': '2025-01-10' } },
    { name: 'a single donation still within 2 months', row: { email: 'a@example.org', source: 'Don en ligne', 'date de collecte': '2026-11-01' } },
  ],
  invalid: [
    { name: 'a regular contact without any date', row: regular, errors: [{ message: 'noDate' }], dropped: false },
    { name: 'an unreadable date is an unknown date', row: { ...regular, 'dernier contact': 'fin 2022' }, errors: [{ message: 'noDate' }] },
    { name: 'a voter without election date', row: voter, errors: [{ message: 'noElectionDate' }], dropped: false },
    { name: 'an occasional contact without message or collection date', row: { email: 'a@example.org', source: 'Facebook - like publication' }, errors: [{ message: 'noDate' }] },
    {
      // Issue 11: a single dated donation with nothing after was a regular contact without a word.
      name: 'a single donation, nothing after: kept only on the tool’s interpretation (CNIL: "donateurs fréquents")',
      row: { email: 'a@example.org', source: 'Don en ligne', 'date de collecte': '2025-01-10' },
      errors: [{ message: 'singleDonation' }],
      dropped: false,
    },
    { name: 'no source, so no category', row: { email: 'a@example.org', source: '', 'date de collecte': '2026-01-01' }, errors: [{ message: 'unknownCategory' }] },
  ],
});

it('retention-unknown: names the category and the dates it looked for', () => {
  const { findings } = runRule(rule, { name: '', row: regular });
  expect(findings[0].message.params).toEqual({ category: 'regular_contact', fields: 'last_contact_at, consent_date, collected_at' });
});
