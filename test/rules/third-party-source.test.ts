import rule from '../../src/rules/third-party-source.js';
import { ruleTester } from '../helpers/rule-tester.js';

const E = 'a@example.org';

ruleTester(rule, {
  valid: [
    { name: 'own sign-up', row: { email: E, source: 'Formulaire site web' } },
    { name: 'referral', row: { email: E, source: 'Parrainage' } },
    { name: 'member', row: { email: E, source: 'Adhésion' } },
    { name: 'a public meeting', row: { email: E, source: 'Réunion publique' } },
  ],
  invalid: [
    { name: 'rented list', row: { email: E, source: 'Location de fichier (routeur Routage Plus)' }, errors: [{ message: 'rented', field: 'source' }], dropped: false },
    { name: 'bought list with a consent', row: { email: E, source: 'Fichier acheté', 'consentement email': 'oui' }, for: ['email'], errors: [{ message: 'purchased' }], dropped: false },
    { name: "partner's list", row: { email: E, source: 'Import partenaire (association des commerçants)' }, errors: [{ message: 'thirdParty' }], dropped: false },
  ],
});
