import rule from '../../src/rules/sensitive-data.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'the birthplace on an electoral-list extract is a field of the list', row: { nom: 'Martin', source: 'Liste électorale', 'Lieu de naissance': 'Alger (Algérie)' } },
    { name: 'nationality on a complementary list', row: { nom: 'Martin', source: 'Liste électorale', Nationalité: 'italienne' } },
    { name: 'an empty union column', row: { email: 'a@example.org', source: 'Adhésion', Syndicat: '' } },
    { name: 'a column the config allows', row: { email: 'a@example.org', Santé: 'n/a' }, config: { profiling: { allow: ['santé'] } } },
  ],
  invalid: [
    {
      name: 'union membership, even for a member: the column leaves the file',
      row: { email: 'a@example.org', source: 'Adhésion', Syndicat: 'CGT', Remarques: 'ok' },
      errors: [{ message: 'recorded', field: 'Syndicat' }],
      dropped: false,
      removedColumns: ['Syndicat'],
      output: { email: 'a@example.org', Remarques: 'ok' },
    },
    {
      name: 'an origin derived from the birthplace',
      row: { nom: 'Martin', source: 'Liste électorale', 'Lieu de naissance': 'Alger', 'Origine selon lieu de naissance': 'Maghreb' },
      errors: [{ message: 'recorded', field: 'Origine selon lieu de naissance' }],
      removedColumns: ['Origine selon lieu de naissance'],
      output: { 'Lieu de naissance': 'Alger' },
    },
    {
      name: 'name consonance and religion: one finding per filled column',
      row: { email: 'a@example.org', 'Consonance du nom': 'x', Religion: 'y', Handicap: '' },
      errors: [{ message: 'recorded', field: 'Consonance du nom' }, { message: 'recorded', field: 'Religion' }],
      removedColumns: ['Consonance du nom', 'Religion', 'Handicap'],
    },
    {
      name: 'health data',
      row: { email: 'a@example.org', 'health_status': 'diabète' },
      errors: [{ message: 'recorded' }],
      removedColumns: ['health_status'],
    },
  ],
});
