import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/retention-expired.js';
import { ruleTester, runRule } from '../helpers/rule-tester.js';
import { AuditEngine } from '../../src/engine.js';
import { parseDate } from '../../src/read/values.js';

// Default as-of: 2026-11-23. Defaults: regular_contact 3y, occasional_contact and prospect 2m, voter 0d.
const regular = { email: 'a@example.org', source: 'Formulaire site web', consentement: 'oui' };
const occasional = { email: 'a@example.org', source: 'Facebook - like publication' };
const voter = { nom: 'Martin', source: 'Liste électorale' };

ruleTester(rule, {
  valid: [
    { name: 'a regular contact who wrote 1 year ago', row: { ...regular, 'dernier contact': '2025-11-23' } },
    { name: 'a regular contact exactly 3 years after the last contact (kept through the deadline day)', row: { ...regular, 'dernier contact': '2023-11-23' } },
    { name: 'an old collection but a recent contact: the latest exchange counts', row: { ...regular, 'date de collecte': '2018-01-01', 'dernier contact': '2026-01-10' } },
    { name: 'a voter before the election', row: voter, electionDate: '2027-03-15' },
    { name: 'a voter on election day', row: voter, electionDate: '2026-11-23' },
    // NS 34: "sauf si la personne a consenti à ce que ses données soient utilisées à d'autres fins".
    {
      name: 'a voter who consented to e-mails is kept after the election, as a regular contact',
      row: { ...voter, email: 'a@example.org', 'consentement email': 'oui', 'date de consentement': '2026-01-10' },
      electionDate: '2026-03-22',
    },
    { name: 'a current member', row: { email: 'a@example.org', source: 'Adhésion', "fin d'adhésion": '2027-01-31', 'dernier contact': '2019-01-01' } },
    { name: 'a member with no end date', row: { email: 'a@example.org', source: 'Adhésion', 'date de collecte': '2015-01-01' } },
    { name: 'a former member, ended 2 years ago, is still a regular contact', row: { email: 'a@example.org', source: 'Adhésion', "fin d'adhésion": '2024-12-31', 'dernier contact': '2024-06-01' } },
    { name: 'an occasional contact one month after the single message', row: { ...occasional, 'premier message': '2026-10-30', 'date de collecte': '2026-01-01' } },
    { name: 'a prospect collected a month ago, no message yet', row: { email: 'a@example.org', source: 'Fichier acheté', 'date de collecte': '2026-10-23' } },
    { name: 'a longer duration from config', row: { ...regular, 'dernier contact': '2022-06-01' }, config: { retention: { regular_contact: '5y' } } },
    { name: 'no date at all is not "expired" (retention-unknown says it)', row: regular },
  ],
  invalid: [
    {
      name: 'a regular contact silent since 2022',
      row: { ...regular, 'dernier contact': '2022-01-10', 'date de collecte': '2021-05-01' },
      errors: [{ message: 'expired', field: 'last_contact_at' }],
      dropped: true,
    },
    { name: 'a regular contact with only a 2019 collection date', row: { ...regular, 'date de collecte': '05/03/2019' }, errors: [{ message: 'expired', field: 'collected_at' }] },
    {
      name: 'a membership that ended in 2021: regular contact from its end',
      row: { email: 'a@example.org', source: 'Adhésion', "fin d'adhésion": '31/12/2021', 'dernier contact': '20/01/2021' },
      errors: [{ message: 'expired', field: 'membership_end' }],
      dropped: true,
    },
    { name: 'an occasional contact 3 months after the single message', row: { ...occasional, 'premier message': '2026-08-01' }, errors: [{ message: 'expired', field: 'first_message_at' }] },
    { name: 'an occasional contact never messaged, collected 10 months ago', row: { ...occasional, 'date de collecte': '2026-01-10' }, errors: [{ message: 'expired', field: 'collected_at' }] },
    { name: 'a bought list from 2025', row: { email: 'a@example.org', source: 'Fichier acheté', 'date de collecte': '2025-06-01' }, errors: [{ message: 'expired', field: 'collected_at' }] },
    { name: 'a voter after the election', row: voter, electionDate: '2026-03-22', errors: [{ message: 'electionPassed' }], dropped: true },
    { name: 'a shorter duration from config', row: { ...regular, 'dernier contact': '2024-06-01' }, config: { retention: { regular_contact: '1y' } }, errors: [{ message: 'expired' }] },
    { name: 'purge drops it too', row: { ...regular, 'dernier contact': '2020-01-01' }, mode: 'purge', errors: [{ message: 'expired' }], dropped: true },
  ],
});

describe('retention-expired: the finding says which date and which duration decided', () => {
  it('names the column, the date, the duration and the deadline', () => {
    const { findings } = runRule(rule, { name: '', row: { ...regular, 'Dernier contact': '2022-01-10' } });
    expect(findings[0].message.params).toEqual({
      category: 'regular_contact', field: 'Dernier contact', date: '2022-01-10', duration: '3y', deadline: '2025-01-10',
    });
  });

  it('a former member counts from the end of the membership', () => {
    const { findings } = runRule(rule, { name: '', row: { email: 'a@example.org', source: 'Adhésion', "Fin d'adhésion": '2021-12-31' } });
    expect(findings[0].message.params).toMatchObject({ category: 'regular_contact', field: "Fin d'adhésion", duration: '3y', deadline: '2024-12-31' });
  });

  it('voters: the election date plus the configured duration', () => {
    const { findings } = runRule(rule, { name: '', row: voter, electionDate: '2026-03-22', config: { retention: { voter: '30d' } } });
    expect(findings[0].message.params).toMatchObject({ category: 'voter', field: 'electionDate', date: '2026-03-22', duration: '30d', deadline: '2026-04-21' });
  });

  it('voters: a later second round extends the use of the list', () => {
    const header = Object.keys(voter);
    const run = (asOf: string) =>
      new AuditEngine(header, {
        rules: [rule],
        asOf: parseDate(asOf) as number,
        electionDate: parseDate('2026-03-15') as number,
        secondRoundDate: parseDate('2026-03-22') as number,
      }).processRow(Object.values(voter), 2).findings;
    expect(run('2026-03-20')).toEqual([]);
    expect(run('2026-03-23').map((f) => f.message.params?.field)).toEqual(['secondRoundDate']);
  });
});
