import rule from '../../src/rules/forbidden-source.js';
import { ruleTester } from '../helpers/rule-tester.js';

const E = 'a@example.org';

ruleTester(rule, {
  valid: [
    { name: 'the electoral list from the town hall', row: { adresse: '1 rue A', source: 'Liste électorale (communiquée par la mairie, art. L37)' } },
    { name: 'a meeting at the town hall', row: { email: E, source: 'Réunion publique salle de la mairie' } },
    { name: 'personal data is not "personnel"', row: { email: E, source: 'Formulaire données personnelles' } },
    { name: 'a payment is not payroll ("paie")', row: { email: E, source: 'Paiement en ligne' } },
    { name: 'no source', row: { email: E, source: '' } },
  ],
  invalid: [
    { name: 'civil registry', row: { email: E, source: 'Extrait état civil' }, errors: [{ message: 'civilRegistry', field: 'source' }], dropped: true },
    { name: 'CCAS users', row: { email: E, source: 'Fichier usagers CCAS' }, errors: [{ message: 'publicUsers' }], dropped: true },
    { name: 'town-hall staff (HR export)', row: { email: E, source: 'Fichier salariés mairie (export RH)' }, errors: [{ message: 'employer' }], dropped: true },
    { name: 'staff file', row: { email: E, source: 'Fichier du personnel mairie' }, errors: [{ message: 'employer' }], dropped: true },
    { name: 'payroll', row: { email: E, source: 'payroll' }, errors: [{ message: 'employer' }], dropped: true },
    { name: 'patients of a candidate', row: { email: E, source: 'Patientèle du cabinet' }, errors: [{ message: 'companyInternal' }], dropped: true },
    {
      name: 'a word added in config',
      row: { email: E, source: 'Fichier gymnase Jean Moulin' },
      config: { vocabulary: { sources: { forbidden: ['gymnase'] } } },
      errors: [{ message: 'excluded' }],
      dropped: true,
    },
  ],
});
