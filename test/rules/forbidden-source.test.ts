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
    // CNIL, Les fichiers qui ne peuvent pas être utilisés (21 Oct 2025): a campaign petition or meeting
    // about a civil-status subject is not a civil-registry file (issue 11 audit).
    { name: 'the campaign’s petition "mariage pour tous"', row: { email: E, source: 'Pétition mariage pour tous' } },
    { name: 'a public meeting on the end of life', row: { email: E, source: 'Réunion publique fin de vie / décès' } },
    { name: 'the campaign’s petition about the canteen', row: { email: E, source: 'Pétition cantine bio' } },
  ],
  invalid: [
    { name: 'civil registry', row: { email: E, source: 'Extrait état civil' }, errors: [{ message: 'civilRegistry', field: 'source' }], dropped: true },
    { name: 'canteen sign-ups in any word order', row: { email: E, source: 'liste des inscrits à la cantine' }, errors: [{ message: 'publicUsers' }], dropped: true },
    { name: 'a municipal music school', row: { email: E, source: 'école de musique municipale' }, errors: [{ message: 'publicUsers' }], dropped: true },
    { name: 'a municipal youth service', row: { email: E, source: 'inscrits au service jeunesse municipal' }, errors: [{ message: 'publicUsers' }], dropped: true },
    { name: 'marriages listed by the town hall', row: { email: E, source: 'inscrits liste mariages 2024' }, errors: [{ message: 'civilRegistry' }], dropped: true },
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
