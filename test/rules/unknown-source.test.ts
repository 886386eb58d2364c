import rule from '../../src/rules/unknown-source.js';
import { ruleTester } from '../helpers/rule-tester.js';

const E = 'a@example.org';

ruleTester(rule, {
  valid: [
    { name: 'a recognised source', row: { email: E, source: 'Newsletter' } },
    { name: 'a network only', row: { email: E, source: '', 'réseau social': 'Facebook' } },
    { name: 'a word from the config', row: { email: E, source: 'Qomon' }, config: { vocabulary: { sources: { in_person: ['qomon'] } } } },
  ],
  invalid: [
    { name: 'empty source', row: { email: E, source: '' }, errors: [{ message: 'empty', field: 'source' }], dropped: false },
    { name: 'unrecognised source', row: { email: E, source: 'Import 2024' }, errors: [{ message: 'unrecognised', field: 'source' }], dropped: false },
    { name: 'no source column', row: { email: E, nom: 'X' }, errors: [{ message: 'noColumn' }], dropped: false },
  ],
});
