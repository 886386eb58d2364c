import { expect, it } from 'vitest';
import rule from '../../src/rules/minor.js';
import { ruleTester, runRule } from '../helpers/rule-tester.js';

// Default as-of: 2026-11-23.
ruleTester(rule, {
  valid: [
    { name: 'an adult', row: { email: 'a@example.org', 'date de naissance': '14/09/1968' } },
    { name: 'fifteen today', row: { email: 'a@example.org', 'date de naissance': '2011-11-23' } },
    { name: 'no birth date', row: { email: 'a@example.org', 'date de naissance': '' } },
    { name: 'a birthday without year cannot show an age', row: { email: 'a@example.org', Birthday: '03/14' } },
  ],
  invalid: [
    { name: 'born 2013', row: { email: 'a@example.org', 'date de naissance': '2013-05-01' }, errors: [{ message: 'underAge', field: 'birth_date' }], dropped: false },
    { name: 'fifteen tomorrow', row: { email: 'a@example.org', born_at: '2011-11-24' }, errors: [{ message: 'underAge' }] },
    { name: 'as of another date', row: { email: 'a@example.org', dob: '2010-06-01' }, asOf: '2025-01-01', errors: [{ message: 'underAge' }] },
  ],
});

it('minor: states the age and the reference date, not the birth date', () => {
  const { findings } = runRule(rule, { name: '', row: { email: 'a@example.org', 'date de naissance': '2013-05-01' } });
  expect(findings[0].message.params).toEqual({ age: 13, asOf: '2026-11-23' });
});
