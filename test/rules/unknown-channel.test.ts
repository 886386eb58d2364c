import rule from '../../src/rules/unknown-channel.js';
import { ruleTester } from '../helpers/rule-tester.js';

const E = 'a@example.org';

// Issue 11: a non-empty channel cell that names no channel was silently read as "no use".
ruleTester(rule, {
  valid: [
    { name: 'a channel word inside a phrase: "envoi SMS municipal"', row: { email: E, telephone: '0600000001', canal: 'envoi SMS municipal' } },
    { name: 'a list of channels', row: { email: E, canal: 'email;courrier' } },
    { name: 'an empty channel cell', row: { email: E, canal: '' } },
    { name: '"aucun" says no use', row: { email: E, canal: 'aucun' } },
    { name: '--for given: the column is not the use', row: { email: E, canal: 'campagne B' }, for: ['email'] },
  ],
  invalid: [
    { name: 'a cell naming no channel', row: { email: E, canal: 'campagne B' }, errors: [{ message: 'unrecognised', field: 'channel' }], dropped: false },
    { name: 'a typo', row: { email: E, canal: 'emial' }, errors: [{ message: 'unrecognised', field: 'channel' }] },
  ],
});
