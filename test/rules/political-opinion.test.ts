import rule from '../../src/rules/political-opinion.js';
import { ruleTester } from '../helpers/rule-tester.js';

const member = { email: 'a@example.org', source: 'Adhésion' };
const regular = { email: 'a@example.org', source: 'Formulaire site web', consentement: 'oui' };

ruleTester(rule, {
  valid: [
    { name: 'a member’s declared opinion is kept (RGPD art. 9.2.d)', row: { ...member, 'Orientation politique': 'gauche' } },
    { name: 'a regular contact’s support level is kept', row: { ...regular, support_level: '2' } },
    { name: 'a member’s vote intention is kept', row: { ...member, intention_vote: 'candidat A' } },
    { name: 'an empty opinion cell on a bought list', row: { email: 'a@example.org', source: 'Fichier acheté', 'Intention de vote': '' } },
    { name: 'an empty inferred column', row: { ...member, inferred_support_level: '' } },
    { name: 'the polling station is not an opinion', row: { nom: 'Martin', source: 'Liste électorale', 'Bureau de vote': 'Bureau 07' } },
    {
      name: 'a column the config allows',
      row: { email: 'a@example.org', source: 'Fichier acheté', Sympathie: 'forte' },
      config: { profiling: { allow: ['Sympathie'] } },
    },
  ],
  invalid: [
    {
      name: 'an opinion recorded for a one-off social contact is emptied, the row stays',
      row: { email: 'a@example.org', source: 'Facebook - like publication', 'Orientation politique': 'droite' },
      errors: [{ message: 'declared', field: 'Orientation politique' }],
      dropped: false,
      output: { 'Orientation politique': '', email: 'a@example.org' },
      removedColumns: [],
    },
    {
      name: 'a vote intention recorded for a voter',
      row: { nom: 'Martin', source: 'Liste électorale', 'Intention de vote': 'abstention' },
      errors: [{ message: 'declared', field: 'Intention de vote' }],
      output: { 'Intention de vote': '' },
    },
    {
      name: 'a support level on a bought list',
      row: { email: 'a@example.org', source: 'Fichier acheté', support_level: '1' },
      errors: [{ message: 'declared' }],
      output: { support_level: '' },
    },
    {
      name: 'an opinion on a row of unknown source cannot be shown lawful',
      row: { email: 'a@example.org', source: '', Sympathisant: 'oui' },
      errors: [{ message: 'declared', field: 'Sympathisant' }],
      output: { Sympathisant: '' },
    },
    {
      // Issue 11: removed, but marked as the tool's reading (RGPD art. 9.2.d does not settle it).
      name: 'an inferred opinion is removed even for a member, as the tool’s reading',
      row: { ...member, inferred_support_level: '4' },
      errors: [{ message: 'inferredMember', field: 'inferred_support_level' }],
      dropped: false,
      removedColumns: ['inferred_support_level'],
      output: { email: 'a@example.org' },
    },
    {
      name: 'declared and inferred on a prospect: both reported, in column order',
      row: { email: 'a@example.org', source: 'Fichier acheté', support_level: '3', support_probability_score: '0.8' },
      errors: [{ message: 'declared', field: 'support_level' }, { message: 'inferred', field: 'support_probability_score' }],
      removedColumns: ['support_probability_score'],
      output: { support_level: '' },
    },
  ],
});
