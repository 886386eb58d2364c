import rule from '../../src/rules/invalid-date.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'ISO date', row: { email: 'a@example.org', 'date de collecte': '2024-03-05' } },
    { name: 'French date', row: { email: 'a@example.org', 'date de collecte': '05/03/2024' } },
    { name: 'short French date', row: { email: 'a@example.org', 'date de collecte': '5/3/24' } },
    { name: 'Excel serial', row: { email: 'a@example.org', 'date de collecte': '45361' } },
    { name: 'empty date', row: { email: 'a@example.org', 'date de collecte': '' } },
    { name: 'ISO with time', row: { email: 'a@example.org', created_at: '2021-09-12T19:04:33+02:00' } },
  ],
  invalid: [
    { name: 'impossible day', row: { email: 'a@example.org', 'date de collecte': '31/02/2026' }, errors: [{ message: 'unparseable', field: 'collected_at' }], dropped: false },
    { name: 'words', row: { email: 'a@example.org', 'dernier contact': 'fin 2022' }, errors: [{ message: 'unparseable', field: 'last_contact_at' }] },
    {
      name: 'two bad dates',
      row: { email: 'a@example.org', 'date de collecte': 'hier', 'date de consentement': '2024-13-01' },
      errors: [{ message: 'unparseable', field: 'collected_at' }, { message: 'unparseable', field: 'consent_date' }],
    },
  ],
});
